import { InvalidArgumentError, Option, type Command } from 'commander';
import { ApiError } from '../errors/apiError.ts';
import { BadArgumentError } from '../errors/badArgumentError.ts';
import { BadResponseError } from '../errors/badResponseError.ts';
import { ConnectionError } from '../errors/connectionError.ts';
import { CliExitCode } from '../cliExitCode.ts';
import { DEFAULT_LONGHAUL_URL, LonghaulClient } from '../client/longhaulClient.ts';

/** Options every client command takes. */
export interface ClientCommandOptions {
  url?: string;
  json?: boolean;
}

/** Adds `--url` and `--json` to a client command. */
export function withClientOptions(command: Command): Command {
  return command
    .addOption(new Option('--url <url>', `GraphQL URL of the API (default: LONGHAUL_URL, else ${DEFAULT_LONGHAUL_URL}); the key comes from LONGHAUL_API_KEY`))
    .addOption(new Option('--json', 'machine-readable output on stdout; errors as JSON on stderr'));
}

/**
 * Runs a client command: builds the {@link LonghaulClient}, closes it afterwards, and turns errors into
 * `longhaul: CODE: message` on stderr (a JSON object with `--json`) and exit code {@link CliExitCode.Error}.
 * The body returns the exit code.
 */
export async function runClientCommand(options: ClientCommandOptions, body: (client: LonghaulClient) => Promise<CliExitCode>): Promise<void> {
  let client: LonghaulClient | undefined;
  try {
    client = new LonghaulClient({ url: options.url });
    process.exitCode = await body(client);
  } catch (error) {
    const { code, message } = describeError(error);
    process.stderr.write(options.json === true ? `${JSON.stringify({ error: { code, message } })}\n` : `longhaul: ${code}: ${message}\n`);
    process.exitCode = CliExitCode.Error;
  } finally {
    await client?.close();
  }
}

function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof ApiError || error instanceof ConnectionError || error instanceof BadResponseError || error instanceof BadArgumentError) {
    return { code: error.code, message: error.message };
  }
  return { code: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error) };
}

/** Commander parser for a whole number option (`--first 5`). */
export function parseInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new InvalidArgumentError('not a whole number.');
  return parsed;
}

/** Commander parser for a repeatable option (`--state FAILED --state CANCELLED`, or `--state FAILED,CANCELLED`). */
export function collectList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter((v) => v !== '')];
}
