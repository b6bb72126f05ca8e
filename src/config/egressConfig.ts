import { z } from 'zod';

/** Where longhaul may send Salesforce requests; turned into the salesforce layer's `EgressPolicy` when the service starts. */
export interface EgressConfig {
  /**
   * Hosts allowed besides Salesforce's login and instance hosts (`LONGHAUL_SALESFORCE_ALLOWED_HOSTS`: comma-separated
   * host names or `*.suffix` patterns; default none). Their addresses must still be public.
   */
  allowedHosts: string[];
  /**
   * Allow org URLs whose host resolves to loopback, on any port (`LONGHAUL_SALESFORCE_ALLOW_LOOPBACK`: `on` or `off`,
   * default `off`; ignored with `NODE_ENV=production`, where loopback is never called). For a sandbox org run apart from `longhaul all`
   * (`tsx src/sandbox/main.ts`, tests, benches); the sandbox `longhaul all` starts is allowed without it.
   */
  allowLoopback: boolean;
  /**
   * URL of the sandbox org `longhaul all` started (`LONGHAUL_SANDBOX_URL`, set by `longhaul all` for its own worker
   * processes; ignored with `NODE_ENV=production`): loopback is allowed on its port.
   */
  sandboxUrl: string | undefined;
  /** Refuse `http:` org URLs: `NODE_ENV=production`. */
  requireHttps: boolean;
}

const HOST_PATTERN = /^(\*\.)?[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;

const EgressEnvSchema = z.object({
  LONGHAUL_SALESFORCE_ALLOWED_HOSTS: z.string().default(''),
  LONGHAUL_SALESFORCE_ALLOW_LOOPBACK: z.enum(['on', 'off']).default('off'),
  LONGHAUL_SANDBOX_URL: z.url({ protocol: /^https?$/ }).optional(),
  NODE_ENV: z.string().optional(),
});

/** Reads {@link EgressConfig} from the environment; throws an `Error` naming the bad variable or entry. */
export function parseEgressConfig(env: NodeJS.ProcessEnv): EgressConfig {
  const parsed = EgressEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const allowedHosts = e.LONGHAUL_SALESFORCE_ALLOWED_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== '');
  allowedHosts.forEach((host, index) => {
    // `*` alone or `*.com` would let every host through.
    if (!HOST_PATTERN.test(host) || (host.startsWith('*.') && !host.slice(2).replace(/\.$/, '').includes('.'))) {
      throw new Error(`LONGHAUL_SALESFORCE_ALLOWED_HOSTS entry ${index + 1} ("${host}") must be a host name or *. followed by a domain of at least two labels`);
    }
  });
  return {
    allowedHosts,
    allowLoopback: !production && e.LONGHAUL_SALESFORCE_ALLOW_LOOPBACK === 'on',
    sandboxUrl: production ? undefined : e.LONGHAUL_SANDBOX_URL,
    requireHttps: production,
  };
}
