#!/usr/bin/env node
/**
 * `prestart` / `pretest` hook: makes a fresh clone runnable with one command.
 *
 * 1. Installs dependencies (`npm ci`) when `node_modules` is missing or older
 *    than `package-lock.json`, quietly: npm's warnings (about 85 `EBADENGINE`
 *    lines from packages whose newest releases ask for Node 22+, which work on
 *    Node 20 all the same) are left out, its errors are not, and one line says
 *    what was installed. So a newcomer's first screen is the service's own.
 * 2. Rebuilds esbuild when its platform binary does not work (tsx and vitest
 *    both need it).
 * 3. Unless `MONGODB_URI` is set or `mongod` is on PATH, makes sure the
 *    FerretDB binary exists, building it once if needed.
 * 4. Builds the web apps with Vite when a build is missing or older than its
 *    sources or the installed dependencies: GraphiQL (`web/graphiql/` into
 *    `dist/graphiql/`, served at `/graphiql`) and the dashboard (`web/dashboard/`
 *    into `dist/dashboard/`, served at `/` and `/dashboard`). A failed build is
 *    reported but does not stop the service: only that app is missing then.
 *
 * Plain Node with builtins only: nothing else is installed yet when it runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

if (dependenciesAreStale()) {
  const started = Date.now();
  log('installing dependencies (npm ci, first run only; npm warnings hidden, errors shown)');
  runNpm(['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  log(`dependencies installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

if (!esbuildWorks()) {
  log('esbuild platform binary is not usable');
  runNpm(['rebuild', 'esbuild']);
  if (!esbuildWorks()) {
    log('esbuild still fails after `npm rebuild esbuild`; try removing node_modules and running `npm ci`');
    process.exit(1);
  }
}

/** Newest modification time of the files under `dir` (recursively), 0 when there are none. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The web apps built with Vite: the folder under `web/` (and `dist/`), what to call it, where it is served. */
const WEB_APPS = [
  { folder: 'graphiql', title: 'GraphiQL', servedAt: '/graphiql', script: 'build:graphiql' },
  { folder: 'dashboard', title: 'the dashboard', servedAt: '/ and /dashboard', script: 'build:dashboard' },
];

/** True when `dist/<folder>` is missing or older than `web/<folder>` or the installed dependencies. */
function webAppIsStale(folder) {
  const built = join(root, 'dist', folder, 'index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(newestMtime(join(root, 'web', folder)), statSync(join(root, 'node_modules', '.package-lock.json')).mtimeMs);
  return statSync(built).mtimeMs < sources;
}

for (const app of WEB_APPS) {
  if (!existsSync(join(root, 'web', app.folder)) || !webAppIsStale(app.folder)) continue;
  log(`building ${app.title} (web/${app.folder} -> dist/${app.folder})`);
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', join('web', app.folder, 'vite.config.ts')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) log(`${app.title} build failed: the service runs, but ${app.servedAt} answers 503 until it builds (npm run ${app.script})`);
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
