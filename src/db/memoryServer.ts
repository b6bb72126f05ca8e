/** The slice of `mongodb-memory-server` that longhaul uses. */
interface MemoryServerModule {
  MongoMemoryServer: {
    create(options: {
      instance: { dbPath: string; ip: string; storageEngine?: string };
    }): Promise<MemoryServerInstance>;
  };
}

interface MemoryServerInstance {
  getUri(): string;
  stop(options: { doCleanup: boolean; force: boolean }): Promise<boolean>;
  instanceInfo?: { instance: { mongodProcess?: { pid?: number } } };
}

/** A running `mongodb-memory-server`. */
export interface MemoryServer {
  /** `mongodb://127.0.0.1:PORT/`. */
  uri: string;
  /** Pid of its mongod. */
  pid: number;
  /** Stops it; leaves `dbPath` in place. */
  stop(): Promise<void>;
}

/**
 * Loads the optional `mongodb-memory-server` package; rejects when it is not
 * installed. Not a dependency: the specifier is computed so that neither the
 * compiler nor a bundler insists on it.
 */
export async function loadMemoryServer(): Promise<MemoryServerModule> {
  const specifier = ['mongodb', 'memory', 'server'].join('-');
  return (await import(specifier)) as MemoryServerModule;
}

/** Starts a memory-server mongod storing its files in `dbPath` (wiredTiger, so they persist). */
export async function startMemoryServer(module: MemoryServerModule, dbPath: string): Promise<MemoryServer> {
  const server = await module.MongoMemoryServer.create({
    instance: { dbPath, ip: '127.0.0.1', storageEngine: 'wiredTiger' },
  });
  return {
    uri: server.getUri(),
    pid: server.instanceInfo?.instance.mongodProcess?.pid ?? -1,
    stop: async () => {
      await server.stop({ doCleanup: false, force: false });
    },
  };
}
