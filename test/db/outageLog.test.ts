import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutageLog, type OutageLogger } from '../../src/db/outageLog.ts';

/** A logger that keeps its lines. */
function recordingLogger(): OutageLogger & { lines: { level: string; msg: string; obj: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; obj: Record<string, unknown> }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, msg: msg ?? '', obj: obj as Record<string, unknown> });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn') };
}

describe('OutageLog', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should log the first failure of an outage at warn, repeats at debug with a reminder every remindMs, and the recovery once', () => {
    vi.useFakeTimers();
    const logger = recordingLogger();
    const outage = new OutageLog({ logger, what: 'bus reader', remindMs: 60_000 });

    for (let i = 0; i < 30; i++) {
      outage.failure(new Error('connect ECONNREFUSED'));
      vi.advanceTimersByTime(3000);
    }
    expect(outage.down).toBe(true);
    outage.success();
    outage.success();

    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual(['bus reader failed; retrying (logged once until it recovers)', 'bus reader still failing']);
    expect(logger.lines.filter((l) => l.level === 'info')).toEqual([{ level: 'info', msg: 'bus reader recovered', obj: { failures: 30, downMs: 90_000 } }]);
    expect(logger.lines.filter((l) => l.level === 'debug')).toHaveLength(28);
    expect(outage.down).toBe(false);
  });

  it('should count an outage as over after quietMs without a failure when told of failures only', () => {
    vi.useFakeTimers();
    const logger = recordingLogger();
    const outage = new OutageLog({ logger, what: 'scheduler poll', quietMs: 15_000 });

    outage.failure(new Error('server selection timed out'));
    vi.advanceTimersByTime(10_000);
    outage.failure(new Error('server selection timed out'));
    vi.advanceTimersByTime(14_999);
    expect(outage.down).toBe(true);
    vi.advanceTimersByTime(1);

    expect(outage.down).toBe(false);
    expect(logger.lines.map((l) => `${l.level} ${l.msg}`)).toEqual(['warn scheduler poll failed; retrying (logged once until it recovers)', 'debug scheduler poll failed again', 'info scheduler poll recovered']);
  });
});
