import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import { DEV_KEY_FILE } from '../salesforce/index.ts';

/**
 * The secret strings of this process's configuration, as they could appear in a diagnostic file: API keys,
 * encryption keys (`LONGHAUL_SECRET_KEYS`, or the development key file, each entry whole and its key in
 * standard and URL base64), the database password (as written in `MONGODB_URI` and decoded), alert webhook
 * URLs. The diagnostic store replaces every occurrence. The development key file is read on each call (it
 * may be created after start).
 */
export function configuredSecrets(config: Config): () => readonly string[] {
  const fixed = [...config.apiKeys.keys(), ...keyringSecrets(config.secretKeys ?? ''), ...uriSecrets(config.mongodbUri), ...config.monitoring.webhooks.map((w) => w.url)];
  if (config.secretKeys !== undefined) return () => fixed;
  const devKeyFile = join(config.dataDir, DEV_KEY_FILE);
  return () => {
    let dev = '';
    try {
      dev = readFileSync(devKeyFile, 'utf8');
    } catch {
      // Not created yet: nothing sealed with it, nothing of it in memory.
    }
    return [...fixed, ...keyringSecrets(dev)];
  };
}

/** Entries of a `keyId:base64key` list, whole, and their keys as written and in both base64 alphabets. */
function keyringSecrets(spec: string): string[] {
  const secrets: string[] = [];
  for (const raw of spec.split(/[,\n]/)) {
    const entry = raw.trim();
    if (entry === '' || entry.startsWith('#')) continue;
    const key = entry.slice(entry.indexOf(':') + 1);
    const bytes = Buffer.from(key, 'base64');
    secrets.push(entry, key, bytes.toString('base64'), bytes.toString('base64url'));
  }
  return secrets;
}

/** The password of a database URI, as written and decoded. */
function uriSecrets(uri: string | undefined): string[] {
  const match = uri === undefined ? null : /^mongodb(?:\+srv)?:\/\/[^:@/]*:([^@/]+)@/.exec(uri);
  if (match === null) return [];
  const written = match[1]!;
  let decoded = written;
  try {
    decoded = decodeURIComponent(written);
  } catch {
    // Not percent-encoded as it should be: the written form is the password.
  }
  return [written, decoded];
}
