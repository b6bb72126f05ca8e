import { Command, Option } from 'commander';
import { CliExitCode } from '../cliExitCode.ts';
import { MONITORING_OVERVIEW } from '../client/monitoringOperations.ts';
import { debugQueueTable } from '../output/debugQueueTable.ts';
import { zombieTable } from '../output/zombieTable.ts';
import { parseInteger, runClientCommand, withClientOptions, type ClientCommandOptions } from './runClientCommand.ts';

interface MonitoringOptions extends ClientCommandOptions {
  includeResolved?: boolean;
  first: number;
  after?: string;
}

/**
 * `longhaul monitoring`: the zombies and the debug queue of a running API (`LONGHAUL_URL`, `LONGHAUL_API_KEY`) as
 * two tables, or as one JSON document with `--json` (`{ "zombies": [...], "debugQueue": { "nodes", "pageInfo" } }`).
 * A tenant key sees its own jobs, an operator key every tenant's. Exit codes: {@link CliExitCode}.
 */
export function monitoringCommand(): Command {
  const command = new Command('monitoring')
    .description('zombies and the debug queue of a running longhaul API, as tables (LONGHAUL_URL, LONGHAUL_API_KEY)')
    .addOption(new Option('-a, --include-resolved', 'also zombie incidents already handled (requeued, aborted, moved to the debug queue)'))
    .addOption(new Option('-n, --first <n>', 'how many debug-queue jobs').argParser(parseInteger).default(20))
    .addOption(new Option('--after <cursor>', 'the debug-queue page after this cursor (printed under a full page)'))
    // Usage errors exit 2 like every other error, as for `jobs`.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? CliExitCode.Success : CliExitCode.Error));

  return withClientOptions(command).action((options: MonitoringOptions) =>
    runClientCommand(options, async (client) => {
      const { monitoring } = await client.request(MONITORING_OVERVIEW, {
        includeResolved: options.includeResolved === true,
        first: options.first,
        after: options.after,
      });
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify(monitoring)}\n`);
        return CliExitCode.Success;
      }
      const { zombies, debugQueue } = monitoring;
      const sections = [
        `ZOMBIES (${zombies.length}${options.includeResolved === true ? ', resolved included' : ''})`,
        zombies.length === 0 ? 'no zombies' : zombieTable(zombies),
        '',
        `DEBUG QUEUE (${debugQueue.nodes.length}${debugQueue.pageInfo.hasNextPage ? '+' : ''})`,
        debugQueue.nodes.length === 0 ? 'the debug queue is empty' : debugQueueTable(debugQueue.nodes),
      ];
      if (debugQueue.pageInfo.hasNextPage) sections.push(`more: --after ${debugQueue.pageInfo.endCursor}`);
      process.stdout.write(`${sections.join('\n')}\n`);
      return CliExitCode.Success;
    }),
  );
}
