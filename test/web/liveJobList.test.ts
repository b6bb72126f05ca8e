import { describe, expect, it } from 'vitest';
import type { JobRow } from '../../web/dashboard/api/jobOperations.ts';
import { applyJobs, furtherAlong, LIVE_LIST_SIZE } from '../../web/dashboard/jobs/liveJobList.ts';

function job(id: string, overrides: Partial<JobRow> = {}): JobRow {
  return {
    id,
    type: 'demo.count',
    state: 'QUEUED',
    progress: { processed: 0, total: null, fraction: null, message: null },
    attempts: 0,
    maxAttempts: 3,
    lastError: null,
    createdAt: `2026-11-28T00:00:${id.padStart(2, '0')}.000Z`,
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

const running = (id: string, processed: number, attempts = 1) => job(id, { state: 'RUNNING', attempts, startedAt: '2026-11-28T00:01:00.000Z', progress: { processed, total: 10, fraction: processed / 10, message: null } });

describe('the dashboard live job list (merging query answers and jobEvents)', () => {
  it('should keep the version further along when an event and a query answer cross', () => {
    expect(furtherAlong(running('1', 5), running('1', 3))).toMatchObject({ progress: { processed: 5 } });
    expect(furtherAlong(running('1', 3), running('1', 5))).toMatchObject({ progress: { processed: 5 } });
    // A new attempt starts again from a checkpoint: fewer processed, but later.
    expect(furtherAlong(running('1', 9, 1), running('1', 4, 2))).toMatchObject({ attempts: 2 });
    expect(furtherAlong(job('1', { state: 'SUCCEEDED', attempts: 1, progress: { processed: 10, total: 10, fraction: 1, message: null } }), running('1', 10))).toMatchObject({ state: 'SUCCEEDED' });
    expect(furtherAlong(job('1'), running('1', 0))).toMatchObject({ state: 'RUNNING' });
  });

  it('should add new jobs newest first, update known ones in place, and drop jobs that leave a state filter', () => {
    let rows = applyJobs([], [job('1'), job('3'), job('2')], {});
    expect(rows.map((r) => r.id)).toEqual(['3', '2', '1']);
    rows = applyJobs(rows, [running('2', 4)], {});
    expect(rows.map((r) => `${r.id}:${r.state}`)).toEqual(['3:QUEUED', '2:RUNNING', '1:QUEUED']);

    let queued = applyJobs([], [job('1'), job('2')], { states: ['QUEUED'] });
    queued = applyJobs(queued, [running('2', 1)], { states: ['QUEUED'] });
    expect(queued.map((r) => r.id)).toEqual(['1']);
    expect(applyJobs([], [job('1', { type: 'demo.flaky' })], { types: ['demo.count'] })).toEqual([]);
  });

  it('should keep at most LIVE_LIST_SIZE jobs, the newest', () => {
    const many = Array.from({ length: LIVE_LIST_SIZE + 5 }, (_, i) => job(String(i), { createdAt: new Date(Date.UTC(2026, 10, 28, 0, 0, 0, i)).toISOString() }));
    const rows = applyJobs([], many, {});
    expect(rows).toHaveLength(LIVE_LIST_SIZE);
    expect(rows[0]!.id).toBe(String(LIVE_LIST_SIZE + 4));
  });
});
