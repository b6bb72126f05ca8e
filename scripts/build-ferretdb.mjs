#!/usr/bin/env node
/**
 * Locates, or builds from the Go module proxy, the FerretDB binary that
 * longhaul uses as its MongoDB-wire server when no `mongod` is available.
 *
 * Plain Node with builtins only: it runs from npm lifecycle hooks on a fresh
 * clone, before `tsx` exists. The TypeScript side reaches it through
 * `src/db/ferretdbBinary.ts`; this file is the only place holding the logic.
 *
 * Run directly (`node scripts/build-ferretdb.mjs`) it prints the binary path.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open, rename, rm, readFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The FerretDB release longhaul is tested against. */
export const FERRETDB_VERSION = 'v1.24.2';
/** longhaul's patch level of that release (see `scripts/ferretdb/`); part of the cache path. */
export const FERRETDB_PATCH = 'longhaul.5';

const MODULE = 'github.com/FerretDB/FerretDB';
/** A build lock older than this is treated as abandoned. */
const STALE_LOCK_MS = 20 * 60_000;

/**
 * Where a built binary is cached:
 * `${XDG_CACHE_HOME:-~/.cache}/longhaul/ferretdb-<version>/ferretdb`.
 * @param {NodeJS.ProcessEnv} [env]
 */
export function ferretdbCachePath(env = process.env) {
  // `||`, not `??`: the XDG spec treats an empty XDG_CACHE_HOME as unset.
  const cacheHome = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'longhaul', `ferretdb-${FERRETDB_VERSION}-${FERRETDB_PATCH}`, 'ferretdb');
}

/**
 * Finds an executable by name on `PATH`.
 * @param {string} name
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | undefined} its absolute path, or undefined
 */
export function findExecutableOnPath(name, env = process.env) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Finds a usable FerretDB binary without building: `LONGHAUL_FERRETDB_BIN`
 * (must exist, else this throws), then the cache. A `ferretdb` on `PATH` is
 * not used: it lacks the atomic-write patch longhaul relies on.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | undefined}
 */
export function findFerretdbBinary(env = process.env) {
  const override = env.LONGHAUL_FERRETDB_BIN;
  if (override !== undefined && override !== '') {
    if (!isExecutableFile(override)) {
      throw new Error(`LONGHAUL_FERRETDB_BIN=${override} is not an executable file`);
    }
    return override;
  }
  const cached = ferretdbCachePath(env);
  if (isExecutableFile(cached)) return cached;
  return undefined;
}

/**
 * Returns a usable FerretDB binary, building it into the cache when none is
 * found. Needs `go` on PATH and network access to the Go module proxy the
 * first time. Safe when several processes race: one builds under a lock file,
 * the result is renamed into place atomically, the others wait for it.
 * @param {{ env?: NodeJS.ProcessEnv, log?: (line: string) => void }} [options]
 *   `env` defaults to `process.env`; `log` (progress lines) defaults to stderr.
 * @returns {Promise<string>} absolute path of the binary
 */
export async function ensureFerretdbBinary(options = {}) {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  const found = findFerretdbBinary(env);
  if (found !== undefined) return found;

  const target = ferretdbCachePath(env);
  mkdirSync(dirname(target), { recursive: true });
  const lockPath = `${target}.lock`;
  for (;;) {
    const lock = await tryLock(lockPath);
    if (lock !== undefined) {
      try {
        if (isExecutableFile(target)) return target;
        await buildInto(target, env, log);
        return target;
      } finally {
        await lock.close();
        await rm(lockPath, { force: true });
      }
    }
    log(`ferretdb: another process is building ${FERRETDB_VERSION}, waiting (${lockPath})`);
    while (!isExecutableFile(target) && (await lockIsLive(lockPath))) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    if (isExecutableFile(target)) return target;
  }
}

const lock = (call) => `\tdefer ${call}()\n\n`;

/**
 * longhaul's edits of FerretDB's source: [file, text to find, text to put instead].
 * 1-3 make findAndModify, update and delete atomic per document (see `scripts/ferretdb/collectionLock.go`).
 * 4-5 make the SQLite backend's `find` (and `explain`) push an `_id` equality or an `_id: {$in: [...]}` down to
 * SQLite whatever else the filter holds, not only a filter that is exactly `{_id}` (see
 * `scripts/ferretdb/idFilter.go`): the handler filters every document again afterwards, so the result is
 * unchanged, but `{ _id, runId, state }` (a fenced write) and batch reads by id no longer read the whole collection.
 * 6 writes the SQLite backend's `_id` expression (`metadata.IDColumn`, used by every pushed-down `_id` filter and
 * by the `UPDATE … WHERE` / `DELETE … WHERE … IN` that write by `_id`) the way the `_id_` index was created
 * (`_ferretdb_sjson->"_id"`): FerretDB wrote `->'$._id'`, the same value but not the same expression, and SQLite
 * uses an expression index only for the expression as written, so every `_id` lookup scanned the table. The index
 * itself is unchanged, so data folders written by earlier builds keep working.
 */
const FERRETDB_EDITS = [
  [
    'internal/handler/msg_findandmodify.go',
    'func (h *Handler) findAndModifyDocument(ctx context.Context, params *common.FindAndModifyParams) (*findAndModifyResult, error) {\n',
    'longhaulLockFilter(params.DB, params.Collection, params.Query)',
  ],
  [
    'internal/handler/msg_update.go',
    'func (h *Handler) updateDocument(ctx context.Context, params *common.UpdateParams) (int32, int32, *types.Array, error) {\n',
    'longhaulLockUpdates(params.DB, params.Collection, params.Updates)',
  ],
  [
    'internal/handler/msg_delete.go',
    '\tparams, err := common.GetDeleteParams(document, h.L)\n\tif err != nil {\n\t\treturn nil, lazyerrors.Error(err)\n\t}\n',
    'longhaulLockCollection(params.DB, params.Collection)',
  ],
].map(([file, anchor, call]) => [file, anchor, `${anchor}${lock(call)}`]);
/** FerretDB's own `_id` pushdown in `collection.Query` (4) and `collection.Explain` (5), replaced by `idFilter.go`'s. */
const SQLITE_ID_PUSHDOWN = (setPushdownFlag) =>
  `\tif params.Filter.Len() == 1 {\n\t\tv, _ := params.Filter.Get("_id")\n\t\tswitch v.(type) {\n\t\tcase string, types.ObjectID:\n` +
  (setPushdownFlag ? '\t\t\tfilterPushdown = true\n' : '') +
  '\t\t\twhereClause = fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn)\n' +
  '\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}\n\t\t}\n\t}\n';
FERRETDB_EDITS.push(
  [
    'internal/backends/sqlite/collection.go',
    SQLITE_ID_PUSHDOWN(false),
    '\twhereClause, args = longhaulIDWhere(params.Filter)\n\twhereClause, args = longhaulAfterRecordID(whereClause, args, meta.Capped(), params.LonghaulAfterRecordID)\n',
  ],
  [
    'internal/backends/sqlite/collection.go',
    SQLITE_ID_PUSHDOWN(true),
    '\twhereClause, args = longhaulIDWhere(params.Filter)\n\tfilterPushdown = whereClause != ""\n',
  ],
  ['internal/backends/sqlite/metadata/metadata.go', '\tIDColumn = DefaultColumn + "->\'$._id\'"\n', '\tIDColumn = DefaultColumn + "->\'_id\'"\n'],
);
/** 7-10: a tailable awaitData getMore waits for an insert and reads only the records after its cursor's last one (`scripts/ferretdb/awaitData.go`); 11 says so in `buildInfo`. */
FERRETDB_EDITS.push(
  ['internal/backends/collection.go', '\tOnlyRecordIDs bool\n\tComment       string\n}\n', '\tOnlyRecordIDs bool\n\tComment       string\n\n\tLonghaulAfterRecordID int64\n}\n'],
  [
    'internal/backends/sqlite/collection.go',
    '\tif err != nil {\n\t\treturn nil, err\n\t}\n\n\treturn new(backends.InsertAllResult), nil\n',
    '\tif err != nil {\n\t\treturn nil, err\n\t}\n\n\tbackends.LonghaulNotifyInsert(c.dbName, c.name)\n\n\treturn new(backends.InsertAllResult), nil\n',
  ],
  ['internal/handler/msg_getmore.go', 'h.awaitData(connCtx, &awaitDataParams{', 'h.longhaulAwaitData(connCtx, &awaitDataParams{'],
  ['internal/handler/msg_buildinfo.go', '\t\t\t"ferretdbVersion", version.Get().Version,\n', '\t\t\t"ferretdbVersion", version.Get().Version,\n\t\t\t"longhaulTailWakeup", true,\n'],
);

/**
 * Applies {@link FERRETDB_EDITS} and adds the collection lock and the `_id` pushdown. Fails loudly if FerretDB's
 * source no longer has the text an edit expects.
 * @param {string} src
 */
function applyLonghaulPatches(src) {
  const here = dirname(new URL(import.meta.url).pathname);
  cpSync(join(here, 'ferretdb', 'collectionLock.go'), join(src, 'internal', 'handler', 'longhaul_collection_lock.go'));
  cpSync(join(here, 'ferretdb', 'idFilter.go'), join(src, 'internal', 'backends', 'sqlite', 'longhaul_id_filter.go'));
  cpSync(join(here, 'ferretdb', 'afterRecordID.go'), join(src, 'internal', 'backends', 'sqlite', 'longhaul_after_record_id.go'));
  cpSync(join(here, 'ferretdb', 'insertSignal.go'), join(src, 'internal', 'backends', 'longhaul_insert_signal.go'));
  cpSync(join(here, 'ferretdb', 'cursorIter.go'), join(src, 'internal', 'clientconn', 'cursor', 'longhaul_cursor.go'));
  cpSync(join(here, 'ferretdb', 'awaitData.go'), join(src, 'internal', 'handler', 'longhaul_await_data.go'));
  for (const [file, find, replacement] of FERRETDB_EDITS) {
    const path = join(src, file);
    const text = readFileSync(path, 'utf8');
    if (text.split(find).length !== 2) throw new Error(`cannot patch ${file}: its source changed`);
    writeFileSync(path, text.replace(find, () => replacement));
  }
}

/**
 * @param {string} target
 * @param {NodeJS.ProcessEnv} env
 * @param {(line: string) => void} log
 */
async function buildInto(target, env, log) {
  if (findExecutableOnPath('go', env) === undefined) {
    throw new Error(`cannot build FerretDB ${FERRETDB_VERSION}: 'go' is not on PATH (install Go >= 1.24, or set LONGHAUL_FERRETDB_BIN or MONGODB_URI)`);
  }
  const started = Date.now();
  log(`ferretdb: building ${FERRETDB_VERSION} from the Go module proxy into ${target} (first run only, takes a few minutes)`);
  const goEnv = { ...env, GOWORK: 'off', CGO_ENABLED: '0' };
  const work = mkdtempSync(join(tmpdir(), 'longhaul-ferretdb-src-'));
  const tmpBinary = `${target}.tmp-${process.pid}`;
  try {
    const download = await run('go', ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], { cwd: work, env: goEnv });
    const moduleDir = JSON.parse(download).Dir;
    if (typeof moduleDir !== 'string') throw new Error(`go mod download gave no module directory: ${download}`);

    // The module zip lacks build/version/version.txt, without which the
    // binary panics at startup; the module cache is read-only, hence the copy.
    const src = join(work, 'src');
    cpSync(moduleDir, src, { recursive: true });
    makeWritable(src);
    applyLonghaulPatches(src);
    writeFileSync(join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);

    await run('go', ['build', '-trimpath', '-o', tmpBinary, './cmd/ferretdb'], { cwd: src, env: goEnv });
    if (!reportsExpectedVersion(tmpBinary)) throw new Error(`built binary does not report ${FERRETDB_VERSION}`);
    await rename(tmpBinary, target);
    log(`ferretdb: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    rmSync(tmpBinary, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Runs a command; resolves with its stdout, rejects with the tail of stderr.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv }} options
 * @returns {Promise<string>}
 */
function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${stderr}${stdout.slice(-2000)}`));
    });
  });
}

/** @param {string} path */
function makeWritable(path) {
  chmodSync(path, statSync(path).mode | 0o200);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) makeWritable(child);
    else chmodSync(child, statSync(child).mode | 0o200);
  }
}

/** @param {string} path */
function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** @param {string} binary */
function reportsExpectedVersion(binary) {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 && new RegExp(`^version: ${FERRETDB_VERSION}$`, 'm').test(result.stdout);
}

/**
 * Creates the lock file exclusively; undefined when someone else holds it.
 * A lock whose owner died (or that is very old) is removed and retried.
 * @param {string} lockPath
 */
async function tryLock(lockPath) {
  try {
    const handle = await open(lockPath, 'wx');
    await handle.writeFile(String(process.pid));
    return handle;
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
  }
  if (await lockIsLive(lockPath)) return undefined;
  await rm(lockPath, { force: true });
  return tryLock(lockPath);
}

/** @param {string} lockPath */
async function lockIsLive(lockPath) {
  let pid;
  try {
    if (Date.now() - statSync(lockPath).mtimeMs > STALE_LOCK_MS) return false;
    pid = Number.parseInt(await readFile(lockPath, 'utf8'), 10);
  } catch {
    return false;
  }
  // An empty lock file is one being written right now.
  if (Number.isNaN(pid)) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureFerretdbBinary()
    .then((binary) => process.stdout.write(`${binary}\n`))
    .catch((error) => {
      process.stderr.write(`ferretdb: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
