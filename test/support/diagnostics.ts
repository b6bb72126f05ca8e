import { randomBytes } from 'node:crypto';
import { GridFSBucket, type Db } from 'mongodb';
import { FAST_ENV, TEST_KEYS } from './longhaulProcess.ts';

const SECRET_KEY = randomBytes(32).toString('base64');
const EXTRA_KEY = `diagnostics-only-key-${randomBytes(8).toString('hex')}`;

/** Settings of a deployment with known keys: the test API keys plus one more, and an encryption key. */
export const KEYED_ENV: NodeJS.ProcessEnv = {
  LONGHAUL_API_KEYS: `${FAST_ENV.LONGHAUL_API_KEYS},${EXTRA_KEY}=tenantD`,
  LONGHAUL_SECRET_KEYS: `k1:${SECRET_KEY}`,
};

/** The secrets of {@link KEYED_ENV}: none may appear in what diagnostics store. */
export const KEYED_SECRETS: readonly string[] = [...Object.values(TEST_KEYS), EXTRA_KEY, SECRET_KEY, KEYED_ENV.LONGHAUL_SECRET_KEYS!];

/** The bytes of a diagnostic file as stored in the database (the `diagnostics` GridFS bucket), read past the API. */
export async function storedDiagnostic(db: Db, id: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of new GridFSBucket(db, { bucketName: 'diagnostics' }).openDownloadStream(id as never)) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** Whether anything of diagnostic `id` (record, GridFS file document, chunks) is left in the database. */
export async function diagnosticLeftovers(db: Db, id: string): Promise<{ record: number; file: number; chunks: number }> {
  const [record, file, chunks] = await Promise.all([
    db.collection('diagnostics').countDocuments({ _id: id as never }),
    db.collection('diagnostics.files').countDocuments({ _id: id as never }),
    db.collection('diagnostics.chunks').countDocuments({ files_id: id }),
  ]);
  return { record, file, chunks };
}

/** Which of `secrets` occur in `content` (expected: none). */
export function secretsIn(content: Buffer | string, secrets: readonly string[]): string[] {
  const text = typeof content === 'string' ? content : content.toString('utf8');
  return secrets.filter((secret) => text.includes(secret));
}

/** Signs of an environment block or command line in a stored report (expected: none). */
export function environmentTracesIn(content: Buffer | string): string[] {
  const text = typeof content === 'string' ? content : content.toString('utf8');
  return ['"environmentVariables":', '"commandLine":', 'LONGHAUL_API_KEYS', 'LONGHAUL_SECRET_KEYS', 'MONGODB_URI', '"PATH"'].filter((trace) => text.includes(trace));
}
