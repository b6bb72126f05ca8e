import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDatabaseName } from '../support/database.ts';
import { collect, gqlData, wsClient } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';

const PROGRESS = 'subscription($id: ID!, $after: String) { jobProgress(id: $id, after: $after) { position kind gap job { state progress { processed } } } }';

describe('jobProgress replay from the start (the dashboard job page)', () => {
  let app: LonghaulProcess;

  beforeAll(async () => {
    app = await startLonghaul('all', uniqueDatabaseName('progress_replay'));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('should replay a finished job from CREATED to SUCCEEDED, skipping the other topics that carry its id (wake-ups)', async () => {
    const { createJob } = await gqlData(app.url, TEST_KEYS.tenantA, 'mutation { createJob(input: { type: "demo.count", input: { to: 5, delayMs: 20 } }) { id } }');
    const live = wsClient(app.url, TEST_KEYS.tenantA);
    await collect(live, PROGRESS, { id: createJob.id }, { until: (event: { kind: string }) => event.kind === 'SUCCEEDED' });
    await live.dispose();

    const client = wsClient(app.url, TEST_KEYS.tenantA);
    const replay = await collect(client, PROGRESS, { id: createJob.id, after: '00000000' });
    await client.dispose();
    expect(replay.errors).toEqual([]);
    expect(replay.completed).toBe(true);
    const kinds = replay.items.map((event: { kind: string }) => event.kind);
    expect(kinds[0]).toBe('CREATED');
    expect(kinds).toContain('STARTED');
    expect(kinds.at(-1)).toBe('SUCCEEDED');
    expect(replay.items.at(-1)).toMatchObject({ gap: false, job: { state: 'SUCCEEDED', progress: { processed: 5 } } });
  });
});
