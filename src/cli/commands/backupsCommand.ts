import { Command } from 'commander';
import { CliExitCode } from '../cliExitCode.ts';
import { BACKUPS_OF_ORG } from '../client/backupOperations.ts';
import { backupTable } from '../output/backupTable.ts';
import { runClientCommand, withClientOptions, type ClientCommandOptions } from './runClientCommand.ts';

/**
 * `longhaul backups list <org>`: an org's backups (newest first, at most 100) with the retention rules that keep each
 * (`KEPT BY`) and when the prune deletes it (`EXPIRES`), under a line with its backup policy; `--json` prints
 * `{ "backups": [...], "backupPolicy": {...} | null }`. Exit codes: {@link CliExitCode}.
 */
export function backupsCommand(): Command {
  const command = new Command('backups')
    .description("an org's backups and their retention (LONGHAUL_URL, LONGHAUL_API_KEY)")
    .exitOverride((error) => process.exit(error.exitCode === 0 ? CliExitCode.Success : CliExitCode.Error));
  const list = new Command('list')
    .description("an org's backups, newest first, with the retention rule keeping each and when it expires")
    .argument('<org>', 'the org id')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? CliExitCode.Success : CliExitCode.Error));
  command.addCommand(
    withClientOptions(list).action((orgId: string, options: ClientCommandOptions) =>
      runClientCommand(options, async (client) => {
        const data = await client.request(BACKUPS_OF_ORG, { orgId });
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify(data)}\n`);
          return CliExitCode.Success;
        }
        const policy = data.backupPolicy;
        const head =
          policy === null || policy === undefined
            ? 'no backup policy: nothing is pruned'
            : `policy: daily at ${policy.at} ${policy.timezone}, FULL every ${policy.fullEvery} days, keep daily ${policy.retention.daily} weekly ${policy.retention.weekly} monthly ${policy.retention.monthly}${policy.retention.keepDays === null || policy.retention.keepDays === undefined ? '' : ` and ${policy.retention.keepDays} days`}${policy.enabled ? '' : ' (disabled)'}`;
        process.stdout.write(`${head}\n${data.backups.length === 0 ? 'no backups' : backupTable(data.backups)}\n`);
        return CliExitCode.Success;
      }),
    ),
  );
  return command;
}
