import { describe, expect, it } from 'vitest';
import { classifySalesforceError, RETRYING_CALLER_DEFAULTS, RetryingCaller, SalesforceUnavailableError, type RetryingCallerOptions } from '../../src/salesforce/index.ts';
import { FakeSalesforceClient } from '../support/fakeSalesforceClient.ts';

/** What jsforce throws for a Salesforce error code (or a network failure), as the adapter classifies it. */
const jsforceError = (fields: Record<string, unknown>) => () => classifySalesforceError(Object.assign(new Error('from jsforce'), fields), 'describeGlobal');

/** A caller with 1 ms backoffs whose warnings are kept. */
function caller(options: Partial<RetryingCallerOptions> = {}): { caller: RetryingCaller; warnings: string[] } {
  const warnings: string[] = [];
  const signal = options.signal ?? new AbortController().signal;
  return { caller: new RetryingCaller({ signal, logger: { warn: (message) => warnings.push(message) }, backoffMs: 1, ...options }), warnings };
}

describe('RetryingCaller', () => {
  it('should have one documented set of defaults: 6 tries, 500 ms doubling, at most 30 s', () => {
    expect(RETRYING_CALLER_DEFAULTS).toEqual({ tries: 6, backoffMs: 500, maxBackoffMs: 30_000 });
    const defaults = new RetryingCaller({ signal: new AbortController().signal, logger: { warn: () => undefined } });
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((round) => defaults.delayOf(round))).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(() => new RetryingCaller({ signal: new AbortController().signal, logger: { warn: () => undefined }, tries: 0 })).toThrow(RangeError);
  });

  it.each([
    ['REQUEST_LIMIT_EXCEEDED', { errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
    ['UNABLE_TO_LOCK_ROW', { errorCode: 'UNABLE_TO_LOCK_ROW' }],
    ['SERVER_UNAVAILABLE', { errorCode: 'SERVER_UNAVAILABLE' }],
    ['ERROR_HTTP_503', { errorCode: 'ERROR_HTTP_503' }],
    ['ECONNRESET', { code: 'ECONNRESET' }],
  ])('should retry %s and succeed once Salesforce answers', async (code, fields) => {
    const client = new FakeSalesforceClient();
    client.failNext('describeGlobal', jsforceError(fields), 2);
    const { caller: calls, warnings } = caller({ tries: 3 });
    const global = await calls.call('describeGlobal', () => client.describeGlobal());
    expect(global.map((o) => o.name)).toContain('Account');
    expect(client.calls).toEqual(['describeGlobal', 'describeGlobal', 'describeGlobal']);
    expect(warnings).toEqual([`describeGlobal: ${code}; try 2/3 in 1 ms`, `describeGlobal: ${code}; try 3/3 in 2 ms`]);
  });

  it('should retry a request that never answered (the adapter’s TIMEOUT)', async () => {
    const client = new FakeSalesforceClient();
    client.failNext('query', () => new SalesforceUnavailableError('query: no answer within 3000 ms', 'TIMEOUT'));
    const { caller: calls, warnings } = caller();
    expect((await calls.call('query Account', () => client.query('SELECT Id FROM Account'))).totalSize).toBe(0);
    expect(warnings).toEqual(['query Account: TIMEOUT; try 2/6 in 1 ms']);
  });

  it('should throw the last retryable error once the tries are spent', async () => {
    const client = new FakeSalesforceClient();
    client.failNext('describeGlobal', jsforceError({ errorCode: 'REQUEST_LIMIT_EXCEEDED' }), 10);
    const { caller: calls, warnings } = caller({ tries: 4 });
    await expect(calls.call('describeGlobal', () => client.describeGlobal())).rejects.toMatchObject({ name: 'SalesforceUnavailableError', sfErrorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(client.calls).toHaveLength(4);
    expect(warnings).toHaveLength(3);
  });

  it.each([
    ['INVALID_SESSION_ID', 'SessionExpiredError'],
    ['invalid_grant', 'SessionExpiredError'],
    ['INVALID_FIELD', 'SalesforceRequestRejectedError'],
    ['MALFORMED_QUERY', 'SalesforceRequestRejectedError'],
  ])('should not retry %s', async (code, name) => {
    const client = new FakeSalesforceClient();
    client.failNext('describeGlobal', jsforceError({ errorCode: code }));
    const { caller: calls, warnings } = caller();
    await expect(calls.call('describeGlobal', () => client.describeGlobal())).rejects.toMatchObject({ name, sfErrorCode: code });
    expect(client.calls).toEqual(['describeGlobal']);
    expect(warnings).toEqual([]);
  });

  it('should run beforeCall before every try and beforeRetry before every retry', async () => {
    const client = new FakeSalesforceClient();
    client.failNext('createRecords', jsforceError({ errorCode: 'SERVER_UNAVAILABLE' }), 2);
    const steps: string[] = [];
    const { caller: calls } = caller({ beforeCall: async () => void steps.push('budget') });
    const results = await calls.call(
      'create Account',
      async () => {
        steps.push('send');
        return client.createRecords('Account', [{ Name: 'Once' }]);
      },
      async () => void steps.push('reconcile'),
    );
    expect(results).toEqual([{ success: true, id: expect.stringMatching(/^001/), errors: [] }]);
    expect(steps).toEqual(['budget', 'send', 'reconcile', 'budget', 'send', 'reconcile', 'budget', 'send']);
  });

  it('should stop waiting and throw the signal’s reason when the job is cancelled', async () => {
    const client = new FakeSalesforceClient();
    client.failNext('describeGlobal', jsforceError({ errorCode: 'SERVER_UNAVAILABLE' }), 10);
    const controller = new AbortController();
    const { caller: calls } = caller({ signal: controller.signal, backoffMs: 60_000 });
    const pending = calls.call('describeGlobal', () => client.describeGlobal());
    const reason = new Error('cancelled');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(client.calls).toEqual(['describeGlobal']);
    await expect(calls.call('describeGlobal', () => client.describeGlobal())).rejects.toBe(reason);
    expect(client.calls).toEqual(['describeGlobal']);
  });
});
