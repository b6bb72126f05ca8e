import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { CliExitCode } from '../cliExitCode.ts';
import { ApiError } from '../errors/apiError.ts';
import { BadArgumentError } from '../errors/badArgumentError.ts';
import { ConnectionError } from '../errors/connectionError.ts';
import type { LonghaulClient } from '../client/longhaulClient.ts';
import { CREATE_JOB, CREATE_JOBS, FINAL_STATES, GET_JOB, LIST_JOBS, WATCH_JOB, type JobStateName, type JobSummary } from '../client/jobOperations.ts';
import { jobTable } from '../output/jobTable.ts';
import { NdjsonRenderer } from '../watch/ndjsonRenderer.ts';
import { PlainLineRenderer } from '../watch/plainLineRenderer.ts';
import { ProgressBarRenderer } from '../watch/progressBarRenderer.ts';
import type { WatchRenderer } from '../watch/watchRenderer.ts';
import { collectList, parseInteger, runClientCommand, withClientOptions, type ClientCommandOptions } from './runClientCommand.ts';

interface CreateOptions extends ClientCommandOptions {
  input?: string;
  priority?: number;
  maxAttempts?: number;
  runAt?: string;
  idempotencyKey?: string;
  watch?: boolean;
}

interface ListOptions extends ClientCommandOptions {
  type?: string[];
  state?: string[];
  first: number;
  after?: string;
}

interface WatchOptions extends ClientCommandOptions {
  after?: string;
  interval: number;
}

/**
 * `longhaul jobs create|create-many|list|watch`: a GraphQL client of a running API (`LONGHAUL_URL`, `LONGHAUL_API_KEY`).
 * Exit codes: {@link CliExitCode}.
 */
export function jobsCommand(): Command {
  const jobs = new Command('jobs')
    .description('create, list and watch jobs of a running longhaul API (LONGHAUL_URL, LONGHAUL_API_KEY)')
    // Usage errors exit 2 like every other error; exit 1 means a watched job did not succeed. Subcommands inherit this.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? CliExitCode.Success : CliExitCode.Error));

  withClientOptions(
    jobs
      .command('create')
      .description('create a job; prints its id (the job as JSON with --json)')
      .argument('<type>', 'job type, e.g. demo.count')
      .addOption(new Option('-i, --input <json>', 'job input as JSON, e.g. \'{"to":100}\''))
      .addOption(new Option('--priority <n>', 'higher runs first (default: the type\'s)').argParser(parseInteger))
      .addOption(new Option('--max-attempts <n>', 'attempts before the job fails (default: the type\'s)').argParser(parseInteger))
      .addOption(new Option('--run-at <time>', 'ISO-8601 time before which the job does not start'))
      .addOption(new Option('--idempotency-key <key>', 'creating again with the same key returns the same job'))
      .addOption(new Option('-w, --watch', 'then watch it as `jobs watch` does (exit code from its final state)')),
  ).action((type: string, options: CreateOptions) =>
    runClientCommand(options, async (client) => {
      const input = {
        type,
        input: parseJsonInput(options.input),
        priority: options.priority,
        maxAttempts: options.maxAttempts,
        runAt: options.runAt,
        idempotencyKey: options.idempotencyKey,
      };
      const { createJob: job } = await client.request(CREATE_JOB, { input });
      if (options.watch === true) {
        if (options.json !== true) process.stdout.write(`created job ${job.id} (${job.type})\n`);
        return watchJob(client, job.id, { ...options, interval: 1000 });
      }
      process.stdout.write(options.json === true ? `${JSON.stringify(job)}\n` : `${job.id}\n`);
      return CliExitCode.Success;
    }),
  );

  withClientOptions(
    jobs
      .command('create-many')
      .description('create the jobs of a JSON Lines file in one batch (createJobs), all or none; prints their ids in file order (the jobs as a JSON array with --json)')
      .argument('<file>', 'one CreateJobInput per line, e.g. {"type":"demo.count","input":{"to":10},"idempotencyKey":"k1"}; - for stdin'),
  ).action((file: string, options: ClientCommandOptions) =>
    runClientCommand(options, async (client) => {
      const inputs = parseJsonLines(file === '-' ? await readStdin() : await readInputFile(file));
      const { createJobs: created } = await client.request(CREATE_JOBS, { inputs: inputs as never });
      process.stdout.write(options.json === true ? `${JSON.stringify(created)}\n` : created.map((job) => `${job.id}\n`).join(''));
      return CliExitCode.Success;
    }),
  );

  withClientOptions(
    jobs
      .command('list')
      .description('list jobs, newest first')
      .addOption(new Option('-t, --type <type>', 'only jobs of this type (repeatable, or comma-separated)').argParser(collectList))
      .addOption(new Option('-s, --state <state>', 'only jobs in this state, e.g. RUNNING (repeatable, or comma-separated)').argParser(collectList))
      .addOption(new Option('-n, --first <n>', 'how many').argParser(parseInteger).default(20))
      .addOption(new Option('--after <cursor>', 'the page after this cursor (printed at the end of a full page)')),
  ).action((options: ListOptions) =>
    runClientCommand(options, async (client) => {
      // The server checks the states against its enum (an unknown one is answered as a GraphQL error).
      const states = options.state?.map((s) => s.toUpperCase() as JobStateName);
      const filter = options.type === undefined && options.state === undefined ? undefined : { types: options.type, states };
      const { jobs: page } = await client.request(LIST_JOBS, {
        filter,
        first: options.first,
        after: options.after,
      });
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify(page)}\n`);
      } else if (page.nodes.length === 0) {
        process.stdout.write('no jobs\n');
      } else {
        process.stdout.write(`${jobTable(page.nodes)}\n`);
        if (page.pageInfo.hasNextPage) process.stdout.write(`more: --after ${page.pageInfo.endCursor}\n`);
      }
      return CliExitCode.Success;
    }),
  );

  withClientOptions(
    jobs
      .command('watch')
      .description('follow a job live until it ends: a progress bar with rate and ETA on a terminal, plain lines otherwise, NDJSON events with --json; exit 0 if it SUCCEEDED, 1 if it FAILED or was CANCELLED')
      .argument('<id>', 'job id')
      .addOption(new Option('--after <position>', 'replay the events after this position first (a `position` of an earlier event)'))
      .addOption(new Option('--interval <ms>', 'without a terminal: least time between two progress lines').argParser(parseInteger).default(1000)),
  ).action((id: string, options: WatchOptions) => runClientCommand(options, (client) => watchJob(client, id, options)));

  return jobs;
}

function parseJsonInput(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BadArgumentError(`--input is not JSON (${(error as Error).message}); e.g. --input '{"to":100}'`);
  }
}

/** The objects of a JSON Lines text (blank lines skipped); a line that is not a JSON object names its number. */
function parseJsonLines(text: string): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch (error) {
      throw new BadArgumentError(`line ${i + 1} is not JSON (${(error as Error).message})`);
    }
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new BadArgumentError(`line ${i + 1} is not a JSON object (a CreateJobInput)`);
    items.push(item as Record<string, unknown>);
  });
  return items;
}

async function readInputFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new BadArgumentError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function rendererFor(options: WatchOptions): WatchRenderer {
  if (options.json === true) return new NdjsonRenderer(process.stdout);
  if (process.stdout.isTTY) return new ProgressBarRenderer(process.stdout);
  return new PlainLineRenderer(process.stdout, { progressIntervalMs: options.interval });
}

/** Follows `id` through `jobProgress` until the subscription completes; the exit code follows the final state. */
async function watchJob(client: LonghaulClient, id: string, options: WatchOptions): Promise<CliExitCode> {
  // An HTTP round trip first: a wrong URL, key or id fails at once with a clear error instead of WebSocket retries.
  const { job: current } = await client.request(GET_JOB, { id });
  if (current === null) throw new ApiError('NOT_FOUND', `no job ${id} (for this API key)`);
  const renderer = rendererFor(options);
  const onInterrupt = (): void => {
    renderer.interrupt();
    process.exit(CliExitCode.Interrupted);
  };
  process.once('SIGINT', onInterrupt);
  let last: JobSummary = current;
  try {
    for await (const data of client.subscribe(WATCH_JOB, { id, after: options.after })) {
      renderer.event(data.jobProgress);
      last = data.jobProgress.job;
    }
  } catch (error) {
    renderer.interrupt();
    throw error;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  renderer.end(last);
  if (!FINAL_STATES.has(last.state)) throw new ConnectionError(`the subscription ended while job ${id} is ${last.state}`);
  return last.state === 'SUCCEEDED' ? CliExitCode.Success : CliExitCode.JobUnsuccessful;
}
