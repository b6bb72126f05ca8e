import { Command, Option } from 'commander';
import { loadConfig } from '../config/config.ts';
import { createLogger } from '../logging/logger.ts';
import { jobsCommand } from './commands/jobsCommand.ts';
import { schedulesCommand } from './commands/schedulesCommand.ts';
import { monitoringCommand } from './commands/monitoringCommand.ts';
import { backupsCommand } from './commands/backupsCommand.ts';
import type { Role } from '../app/roles.ts';

const program = new Command('longhaul').description('Long, failure-prone background jobs with live GraphQL progress.');

function roleCommand(name: Role, description: string): void {
  program
    .command(name, { isDefault: name === 'all' })
    .description(description)
    .addOption(new Option('-p, --port <port>', 'HTTP port (overrides PORT)'))
    .action(async (options: { port?: string }) => {
      const config = loadConfig(options.port === undefined ? process.env : { ...process.env, PORT: options.port });
      const logger = createLogger({ level: config.logLevel, base: { role: name } });
      // Loaded on demand: the client commands (`jobs …`) start quickly without the server's modules.
      const { startRole } = await import('../app/roles.ts');
      const { api, sandbox } = await startRole(name, config, logger);
      if (api !== undefined) {
        process.stdout.write(`longhaul ${name}: GraphQL at ${api.url} (WebSocket on the same URL)\n`);
        if (config.graphiql) process.stdout.write(`GraphiQL at ${new URL('/graphiql', api.url).href}\n`);
        process.stdout.write(`Dashboard at ${new URL('/dashboard', api.url).href}\n`);
        if (sandbox !== undefined) {
          process.stdout.write(`sandbox Salesforce org at ${sandbox.url} (username demo@sandbox.longhaul, password demo, any client id and secret; LONGHAUL_SANDBOX=off to skip)\n`);
          process.stdout.write(`  sandbox admin API token (Authorization: Bearer, on ${sandbox.url}/__admin): ${sandbox.adminToken}\n`);
        }
        if (config.generatedDevKey !== undefined) {
          process.stdout.write(`development API key (tenant "dev", operator): ${config.generatedDevKey}\n`);
          if (config.graphiql) process.stdout.write(`  GraphiQL with this key: ${new URL('/graphiql', api.url).href}#key=${config.generatedDevKey}\n`);
          process.stdout.write(`  dashboard with this key: ${new URL('/dashboard', api.url).href}#key=${config.generatedDevKey}\n`);
          process.stdout.write(`  try: curl -s ${api.url} -H 'content-type: application/json' -H 'authorization: Bearer ${config.generatedDevKey}' -d '{"query":"{ jobTypes { name } }"}'\n`);
        }
      } else {
        process.stdout.write(`longhaul ${name}: ${config.workerProcesses} worker process(es) running\n`);
      }
    });
}

roleCommand('all', 'API and supervised workers in one service (default); starts an embedded database without MONGODB_URI');
roleCommand('serve', 'GraphQL API only (needs MONGODB_URI)');
roleCommand('work', 'supervised worker processes only (needs MONGODB_URI)');

program
  .command('worker-process', { hidden: true })
  .description('one worker process, as started by the supervisor')
  .action(async () => {
    // Secrets come over IPC, merged in memory only: never in this process's environment block.
    const { receiveSupervisorSecrets } = await import('../app/supervisorChannel.ts');
    const config = loadConfig({ ...process.env, ...(await receiveSupervisorSecrets()) }, { withoutApiKeys: true });
    const logger = createLogger({ level: config.logLevel, base: { role: 'worker' } });
    const { runWorkerProcess } = await import('../app/workerProcess.ts');
    await runWorkerProcess(config, logger);
  });

program.addCommand(jobsCommand());
program.addCommand(monitoringCommand());
program.addCommand(backupsCommand());
program.addCommand(schedulesCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`longhaul: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
