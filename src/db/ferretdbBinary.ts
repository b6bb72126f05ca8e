/**
 * Typed access to `scripts/build-ferretdb.mjs`, the single home of the logic
 * that finds or builds the FerretDB binary. It lives in plain Node because
 * npm lifecycle hooks run it before `tsx` is installed.
 */

/** Shape of `scripts/build-ferretdb.mjs`. */
interface BuildFerretdbModule {
  FERRETDB_VERSION: string;
  ensureFerretdbBinary(options?: { env?: NodeJS.ProcessEnv; log?: (line: string) => void }): Promise<string>;
  findExecutableOnPath(name: string, env?: NodeJS.ProcessEnv): string | undefined;
}

// Imported through a computed URL so the compiler does not need declarations
// for the .mjs file; the interface above is its contract.
const scriptUrl = new URL('../../scripts/build-ferretdb.mjs', import.meta.url).href;

let loaded: Promise<BuildFerretdbModule> | undefined;

function buildScript(): Promise<BuildFerretdbModule> {
  loaded ??= import(scriptUrl) as Promise<BuildFerretdbModule>;
  return loaded;
}

/**
 * Returns the path of a FerretDB v1.24.2 binary: `LONGHAUL_FERRETDB_BIN`,
 * the cache (`${XDG_CACHE_HOME:-~/.cache}/longhaul/ferretdb-v1.24.2/`), or a
 * matching `ferretdb` on PATH; builds it with `go` into the cache otherwise.
 * @param log receives progress lines while building; default: stderr
 */
export async function ensureFerretdbBinary(log?: (line: string) => void): Promise<string> {
  return (await buildScript()).ensureFerretdbBinary(log === undefined ? {} : { log });
}

/** Finds an executable by name on PATH; undefined when absent. */
export async function findExecutableOnPath(name: string): Promise<string | undefined> {
  return (await buildScript()).findExecutableOnPath(name);
}
