#!/usr/bin/env node
/**
 * `prestart` / `pretest` hook: makes a fresh clone runnable with one command.
 *
 * 1. Installs dependencies (`npm ci`) when `node_modules` is missing or older
 *    than `package-lock.json`.
 * 2. Rebuilds esbuild when its platform binary does not work (tsx and vitest
 *    both need it).
 * 3. Unless `MONGODB_URI` is set or `mongod` is on PATH, makes sure the
 *    FerretDB binary exists, building it once if needed.
 *
 * Plain Node with builtins only: nothing else is installed yet when it runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFerretdbBinary, findExecutableOnPath } from './build-ferretdb.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** @param {string} line */
function log(line) {
  process.stderr.write(`ensure-install: ${line}\n`);
}

/** @param {string[]} args */
function runNpm(args) {
  log(`npm ${args.join(' ')}`);
  const result = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    log(`npm ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

function dependenciesAreStale() {
  const installedLock = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installedLock)) return true;
  return statSync(installedLock).mtimeMs < statSync(join(root, 'package-lock.json')).mtimeMs;
}

function esbuildWorks() {
  const probe = "require('esbuild').transformSync('let a:number=1',{loader:'ts'})";
  return spawnSync(process.execPath, ['-e', probe], { cwd: root, stdio: 'ignore' }).status === 0;
}

if (dependenciesAreStale()) runNpm(['ci', '--no-audit', '--no-fund']);

if (!esbuildWorks()) {
  log('esbuild platform binary is not usable');
  runNpm(['rebuild', 'esbuild']);
  if (!esbuildWorks()) {
    log('esbuild still fails after `npm rebuild esbuild`; try removing node_modules and running `npm ci`');
    process.exit(1);
  }
}

if ((process.env.MONGODB_URI ?? '') === '' && findExecutableOnPath('mongod') === undefined) {
  try {
    await ensureFerretdbBinary({ log: (line) => log(line) });
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    log('no database available: set MONGODB_URI, put mongod on PATH, set LONGHAUL_FERRETDB_BIN, or install Go to build FerretDB');
    // mongodb-memory-server, when someone installs it, is the runtime's last resort.
    if (!existsSync(join(root, 'node_modules', 'mongodb-memory-server'))) process.exit(1);
  }
}
