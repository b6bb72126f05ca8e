import { Command, Option } from 'commander';
import { CliExitCode } from '../cliExitCode.ts';
import { BadArgumentError } from '../errors/badArgumentError.ts';
import { CREATE_SCHEDULE, DELETE_SCHEDULE, LIST_SCHEDULES, PAUSE_SCHEDULE, RESUME_SCHEDULE, type ScheduleSummary } from '../client/scheduleOperations.ts';
import type { ScheduleCatchUp, ScheduleOverlap } from '../client/generated/graphql.ts';
import { scheduleTable } from '../output/scheduleTable.ts';
import { parseInteger, runClientCommand, withClientOptions, type ClientCommandOptions } from './runClientCommand.ts';

interface CreateOptions extends ClientCommandOptions {
  name?: string;
  input?: string;
  cron?: string;
  every?: string;
  timezone?: string;
  overlap?: string;
  catchUp?: string;
  paused?: boolean;
}

interface ListOptions extends ClientCommandOptions {
  first: number;
  after?: string;
  paused?: boolean;
  enabled?: boolean;
}

const OVERLAPS = ['SKIP', 'QUEUE', 'CANCEL_RUNNING'];
const CATCH_UPS = ['LATEST', 'NONE', 'ALL'];

/**
 * `longhaul schedules list|create|pause|resume|delete`: recurring jobs of a running API (`LONGHAUL_URL`,
 * `LONGHAUL_API_KEY`). Exit codes: {@link CliExitCode}.
 */
export function schedulesCommand(): Command {
  const schedules = new Command('schedules')
    .description('list, create, pause, resume and delete recurring jobs of a running longhaul API (LONGHAUL_URL, LONGHAUL_API_KEY)')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? CliExitCode.Success : CliExitCode.Error));

  withClientOptions(
    schedules
      .command('create')
      .description('create a schedule; prints its id (the schedule as JSON with --json)')
      .argument('<type>', 'job type, e.g. demo.count')
      .addOption(new Option('--cron <expression>', 'cron of 5 fields (minute first) or 6 (seconds first), e.g. "0 3 * * *"'))
      .addOption(new Option('--every <duration>', 'ISO 8601 period instead of a cron, e.g. PT15M'))
      .addOption(new Option('--name <name>', 'a name (default: the type and its timing)'))
      .addOption(new Option('-i, --input <json>', 'job input as JSON, e.g. \'{"to":100}\''))
      .addOption(new Option('--timezone <zone>', 'IANA zone of the cron (default UTC)'))
      .addOption(new Option('--overlap <mode>', 'when the previous job still runs: SKIP (default), QUEUE, CANCEL_RUNNING'))
      .addOption(new Option('--catch-up <mode>', 'occurrences missed while longhaul was down: LATEST (default), NONE, ALL'))
      .addOption(new Option('--paused', 'create it paused')),
  ).action((type: string, options: CreateOptions) =>
    runClientCommand(options, async (client) => {
      const input = {
        name: options.name ?? `${type} ${options.cron ?? options.every ?? ''}`.trim(),
        jobType: type,
        input: parseJsonInput(options.input),
        cron: options.cron,
        every: options.every,
        timezone: options.timezone,
        overlap: choice(options.overlap, OVERLAPS, '--overlap') as ScheduleOverlap | undefined,
        catchUp: choice(options.catchUp, CATCH_UPS, '--catch-up') as ScheduleCatchUp | undefined,
        enabled: options.paused === true ? false : undefined,
      };
      const { createSchedule: schedule } = await client.request(CREATE_SCHEDULE, { input });
      process.stdout.write(options.json === true ? `${JSON.stringify(schedule)}\n` : `${schedule.id}\n`);
      return CliExitCode.Success;
    }),
  );

  withClientOptions(
    schedules
      .command('list')
      .description('list schedules, newest first')
      .addOption(new Option('--paused', 'only paused schedules'))
      .addOption(new Option('--enabled', 'only enabled schedules'))
      .addOption(new Option('-n, --first <n>', 'how many').argParser(parseInteger).default(20))
      .addOption(new Option('--after <cursor>', 'the page after this cursor (printed at the end of a full page)')),
  ).action((options: ListOptions) =>
    runClientCommand(options, async (client) => {
      const enabled = options.enabled === true ? true : options.paused === true ? false : undefined;
      const { schedules: page } = await client.request(LIST_SCHEDULES, { filter: enabled === undefined ? undefined : { enabled }, first: options.first, after: options.after });
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify(page)}\n`);
      } else if (page.nodes.length === 0) {
        process.stdout.write('no schedules\n');
      } else {
        process.stdout.write(`${scheduleTable(page.nodes)}\n`);
        if (page.pageInfo.hasNextPage) process.stdout.write(`more: --after ${page.pageInfo.endCursor}\n`);
      }
      return CliExitCode.Success;
    }),
  );

  const action = (name: 'pause' | 'resume' | 'delete', description: string) =>
    withClientOptions(schedules.command(name).description(description).argument('<id>', 'schedule id')).action((id: string, options: ClientCommandOptions) =>
      runClientCommand(options, async (client) => {
        let schedule: ScheduleSummary;
        if (name === 'pause') schedule = (await client.request(PAUSE_SCHEDULE, { id })).pauseSchedule;
        else if (name === 'resume') schedule = (await client.request(RESUME_SCHEDULE, { id })).resumeSchedule;
        else schedule = (await client.request(DELETE_SCHEDULE, { id })).deleteSchedule;
        const verb = name === 'pause' ? 'paused' : name === 'resume' ? 'resumed' : 'deleted';
        process.stdout.write(options.json === true ? `${JSON.stringify(schedule)}\n` : `${verb} ${schedule.id}${name === 'resume' && schedule.nextRunAt !== null ? ` (next run ${schedule.nextRunAt})` : ''}\n`);
        return CliExitCode.Success;
      }),
    );
  action('pause', 'pause a schedule: it creates no job until resumed');
  action('resume', 'resume a paused schedule from its next occurrence');
  action('delete', 'delete a schedule (its jobs stay; owned schedules are removed by their owner)');

  return schedules;
}

function choice(value: string | undefined, allowed: readonly string[], flag: string): string | undefined {
  if (value === undefined) return undefined;
  const upper = value.toUpperCase().replace(/-/g, '_');
  if (!allowed.includes(upper)) throw new BadArgumentError(`${flag} must be one of ${allowed.join(', ')}`);
  return upper;
}

function parseJsonInput(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BadArgumentError(`--input is not JSON (${(error as Error).message}); e.g. --input '{"to":100}'`);
  }
}
