import { randomBytes } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { testDatabaseUri, uniqueDatabaseName } from './database.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from './longhaulProcess.ts';
import { addTestOrg } from './sandboxConnection.ts';
import { backupAndWait, connectSandboxOrg, waitForJob } from './salesforceFlow.ts';
import { startSandbox, type OrgHandle, type OrgOptions, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.ts';

/** Options of {@link SalesforceStack.start}. */
export interface SalesforceStackOptions {
  /** Prefix of the database name; default `sf`. */
  name?: string;
  /** Options of the sandbox; default: {@link startSandbox}'s. */
  sandbox?: SandboxOptions;
  /** Environment of every longhaul process the stack starts (on top of its sealing key); default none. */
  env?: NodeJS.ProcessEnv;
  /** Environment of the API process only; default none. */
  apiEnv?: NodeJS.ProcessEnv;
  /**
   * `serve` (default): one `serve` process for the API and separate `work` processes;
   * `all`: one `longhaul all` process serving the API and running its own workers.
   */
  role?: 'serve' | 'all';
  /** Environment of the `work` process started with the stack, or `false` to start none; default `{}` (one worker; none with `role: 'all'`). */
  worker?: NodeJS.ProcessEnv | false;
}

/**
 * The stack a Salesforce test runs against: a unique database, a sandbox Salesforce, a `serve` process
 * and `work` processes (or one `longhaul all`), all with one sealing key, and the test keys
 * ({@link TEST_KEYS}; {@link key} is tenant A's). `dispose()` stops everything and drops the database.
 */
export class SalesforceStack {
  /** The API keys every longhaul process accepts. */
  readonly keys = TEST_KEYS;
  /** Tenant A's key, the one the helpers use unless told otherwise. */
  readonly key: string = TEST_KEYS.tenantA;
  /** The tenant of {@link key}. */
  readonly tenantId = 'tenantA';
  readonly dbName: string;
  /** The file's sealing key (org credentials are sealed at rest). */
  readonly secretEnv: NodeJS.ProcessEnv = { LONGHAUL_SECRET_KEYS: `t1:${randomBytes(32).toString('base64')}` };
  sandbox!: Sandbox;
  /** The process serving the API (`serve`, or `all`). */
  api!: LonghaulProcess;
  mongo!: MongoClient;
  /** The stack's database, read directly. */
  db!: Db;
  private readonly running: LonghaulProcess[] = [];

  /** Use {@link SalesforceStack.start}; the constructor starts nothing. */
  constructor(protected readonly options: SalesforceStackOptions = {}) {
    this.dbName = uniqueDatabaseName(options.name ?? 'sf');
  }

  /** Starts the sandbox, the API process and (by default) one worker; disposes what started when a step fails. */
  static async start<S extends SalesforceStack>(this: new (options: SalesforceStackOptions) => S, options: SalesforceStackOptions = {}): Promise<S> {
    const stack = new this(options);
    try {
      await stack.open();
    } catch (error) {
      await stack.dispose();
      throw error;
    }
    return stack;
  }

  protected async open(): Promise<void> {
    const role = this.options.role ?? 'serve';
    this.sandbox = await startSandbox(this.options.sandbox);
    this.api = await startLonghaul(role, this.dbName, { ...this.secretEnv, ...this.options.env, ...this.options.apiEnv });
    this.mongo = await MongoClient.connect(testDatabaseUri(this.dbName));
    this.db = this.mongo.db(this.dbName);
    const worker = this.options.worker ?? (role === 'all' ? false : {});
    if (worker !== false) await this.startWorker(worker);
  }

  /** The `work` processes started so far and still running. */
  get workers(): readonly LonghaulProcess[] {
    return this.running;
  }

  /** Starts a `work` process with the stack's sealing key and environment, then `env`. */
  async startWorker(env: NodeJS.ProcessEnv = {}): Promise<LonghaulProcess> {
    const worker = await startLonghaul('work', this.dbName, { ...this.secretEnv, ...this.options.env, ...env });
    this.running.push(worker);
    return worker;
  }

  /** Stops every `work` process started so far. */
  async stopWorkers(): Promise<void> {
    await Promise.all(this.running.splice(0).map((w) => w.stop()));
  }

  /** Replaces the running workers with one started with `env`. */
  async restartWorkers(env: NodeJS.ProcessEnv = {}): Promise<LonghaulProcess> {
    await this.stopWorkers();
    return this.startWorker(env);
  }

  /** Stops every process, drops the database and stops the sandbox. */
  async dispose(): Promise<void> {
    await Promise.all([this.api, ...this.running.splice(0)].map((p) => p?.stop()));
    await this.mongo?.db(this.dbName).dropDatabase().catch(() => undefined);
    await this.mongo?.close();
    await this.sandbox?.stop();
  }

  /** Adds an org with a unique username (password `pw`) to the sandbox. */
  addOrg(options: Partial<OrgOptions> = {}): OrgHandle {
    return addTestOrg(this.sandbox, options);
  }

  /** Registers a sandbox org for the tenant of `key`; returns its longhaul id. */
  connect(org: OrgHandle, key: string = this.key): Promise<string> {
    return connectSandboxOrg(this.api.url, key, this.sandbox, org);
  }

  /** Backs up `objects` of an org and waits for the backup to succeed; returns the backup's id. */
  backupAndWait(orgId: string, objects: string[], key: string = this.key): Promise<string> {
    return backupAndWait(this.api.url, key, orgId, objects);
  }

  /** Waits until the job ends (see {@link waitForJob}); returns it with `fields`. */
  waitForJob(jobId: string, options: { key?: string; fields?: string; timeoutMs?: number } = {}): Promise<Record<string, any>> {
    return waitForJob(this.api.url, options.key ?? this.key, jobId, options.fields, options.timeoutMs);
  }
}
