import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactReport, secretScrubStream } from '../../src/monitoring/diagnosticRedaction.ts';

const KEY = 'api-key-0123456789';
const MASTER = 'bWFzdGVyLWtleS1vZi0zMi1ieXRlcy0wMTIzNDU2Nzg5YQ==';

describe('diagnostic redaction', () => {
  it("should remove the environment, command line and error properties of a report and of its workers' reports", () => {
    const parsed = {
      header: { processId: 1, commandLine: ['node', `--key=${KEY}`], cwd: '/srv' },
      javascriptStack: { message: 'x', stack: ['at f (a.ts:1:1)'], errorProperties: { config: 'c' } },
      environmentVariables: { LONGHAUL_API_KEYS: `${KEY}=t`, PATH: '/bin' },
      workers: [{ header: { commandLine: ['w'] }, environmentVariables: { A: 'b' } }],
      userLimits: { core_file_size_blocks: { soft: 0 } },
    };
    const { report, removed } = redactReport(parsed, [KEY]);
    expect(removed).toEqual(['environmentVariables', 'header.commandLine', 'javascriptStack.errorProperties', 'workers[0].environmentVariables', 'workers[0].header.commandLine']);
    expect(report).toEqual({
      header: { processId: 1, cwd: '/srv' },
      javascriptStack: { message: 'x', stack: ['at f (a.ts:1:1)'] },
      workers: [{ header: {} }],
      userLimits: { core_file_size_blocks: { soft: 0 } },
    });
  });

  it('should replace a configured secret wherever it is left, in values and property names, and count it', () => {
    const { report, secretsReplaced } = redactReport({ libuv: [{ path: `/tmp/${KEY}.sock` }], longhaul: { [KEY]: MASTER, short: 'abc' } }, [KEY, MASTER, 'abc']);
    expect(report).toEqual({ libuv: [{ path: `/tmp/${REDACTED}.sock` }], longhaul: { [REDACTED]: REDACTED, short: REDACTED } });
    expect(secretsReplaced).toBe(4);
    // A short secret is only replaced where a whole string equals it.
    expect(redactReport({ a: 'abcdef' }, ['abc']).report).toEqual({ a: 'abcdef' });
  });

  it('should replace secrets in a byte stream whatever the chunk boundaries', async () => {
    const text = `{"strings":["${KEY}","x${MASTER}y","${KEY}${KEY}","api-key-012"]}`;
    for (const size of [1, 3, 7, 64]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(Buffer.from(text.slice(i, i + size)));
      const out = (await buffer(Readable.from(chunks).pipe(secretScrubStream([KEY, MASTER])))).toString();
      expect(out).toBe(`{"strings":["${REDACTED}","x${REDACTED}y","${REDACTED}${REDACTED}","api-key-012"]}`);
    }
  });
});
