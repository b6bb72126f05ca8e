import type { Sandbox } from './sandbox.ts';
import { resolveSandboxOptions, type SandboxOptions } from './sandboxOptions.ts';
import { SandboxServer } from './sandboxServer.ts';

/**
 * Starts a sandbox org server: Salesforce's OAuth, REST, sObject
 * Collections and Bulk 2.0 APIs as jsforce uses them, over generated orgs of
 * any size, with fault injection and an admin API. Resolves once listening.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const server = new SandboxServer(resolveSandboxOptions(options));
  await server.start();
  return server;
}
