import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** What a finished `longhaul` client command left behind. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** True when util-linux `script` can give a command a pseudo-terminal (see `terminal` of {@link runCli}). */
export const canRunInTerminal = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs `longhaul <args>` (`node --import tsx src/cli/main.ts`) as a child process with stdout and stderr
 * piped (so not a terminal), `LONGHAUL_URL`/`LONGHAUL_API_KEY` from `options`, and waits for it to exit.
 */
export function runCli(args: string[], options: { url: string; apiKey?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; terminal?: boolean }): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, LONGHAUL_URL: options.url, ...options.env };
  if (options.apiKey === undefined) delete env.LONGHAUL_API_KEY;
  else env.LONGHAUL_API_KEY = options.apiKey;
  const argv = [process.execPath, '--import', 'tsx', MAIN, ...args];
  // `terminal`: run inside a pseudo-terminal (util-linux `script`), so stdout is a TTY; stderr then arrives on stdout too.
  const child = options.terminal === true
    ? spawn('script', ['-qec', argv.map(shellQuote).join(' '), '/dev/null'], { env: { COLUMNS: '120', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`longhaul ${args.join(' ')} did not exit within ${timeoutMs} ms; stdout: ${stdout}; stderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
