import { describe, expect, it } from 'vitest';
import { nextOccurrence, nextOccurrences, occurrencesThrough, parseRecurrence, type RecurrenceSpec } from '../../../src/engine/schedules/scheduleRecurrence.ts';
import { parseIsoDuration } from '../../../src/engine/schedules/isoDuration.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

function cron(expression: string, timezone: string, anchor = new Date('2026-01-01T00:00:00Z')): RecurrenceSpec {
  const parsed = parseRecurrence({ cron: expression, timezone }, anchor);
  if (!('recurrence' in parsed)) throw new Error(JSON.stringify(parsed.problems));
  return parsed.recurrence;
}

describe('schedule recurrence: next runs across DST changes (croner), ISO durations, bad expressions', () => {
  it('should run a Europe/Berlin 02:30 once on the spring-forward night, when 02:30 does not exist', () => {
    const daily = cron('30 2 * * *', 'Europe/Berlin');
    // 2026-03-29: clocks jump from 02:00 to 03:00 CET→CEST.
    const runs = nextOccurrences(daily, new Date('2026-03-27T12:00:00Z'), 4);
    expect(iso(runs)).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // the gap: once, at 03:00 CEST
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
      '2026-03-31T00:30:00.000Z',
    ]);
  });

  it('should run an America/New_York 01:30 once on the fall-back night, when 01:30 happens twice', () => {
    const daily = cron('30 1 * * *', 'America/New_York');
    // 2026-11-01: 02:00 EDT becomes 01:00 EST, 01:30 is lived twice.
    const runs = nextOccurrences(daily, new Date('2026-10-31T00:00:00Z'), 3);
    expect(iso(runs)).toEqual(['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
    expect(runs.filter((d) => d.toISOString().startsWith('2026-11-01'))).toHaveLength(1);
  });

  it('should read the clock it is given, not the wall clock', () => {
    const daily = cron('0 9 * * 1-5', 'Europe/Berlin');
    expect(nextOccurrence(daily, new Date('2030-07-05T08:00:00Z'))?.toISOString()).toBe('2030-07-08T07:00:00.000Z'); // Friday after 09:00 → Monday
  });

  it('should count an `every` period from its anchor, whatever the zone', () => {
    const parsed = parseRecurrence({ every: 'PT2S', timezone: 'Asia/Tokyo' }, new Date('2026-01-01T00:00:00.500Z'));
    if (!('recurrence' in parsed)) throw new Error('expected a recurrence');
    expect(nextOccurrence(parsed.recurrence, new Date('2026-01-01T00:00:03Z'))?.toISOString()).toBe('2026-01-01T00:00:04.500Z');
    expect(iso(nextOccurrences(parsed.recurrence, new Date('2026-01-01T00:00:04.500Z'), 2))).toEqual(['2026-01-01T00:00:06.500Z', '2026-01-01T00:00:08.500Z']);
  });

  it('should list the occurrences missed up to now, the latest `max` of them, and the next one', () => {
    const every = { kind: 'every', everyMs: 1000, anchor: new Date('2026-01-01T00:00:00Z') } as const;
    const { due, next } = occurrencesThrough(every, new Date('2026-01-01T00:00:01Z'), new Date('2026-01-01T00:00:10.200Z'), 3);
    expect(iso(due)).toEqual(['2026-01-01T00:00:08.000Z', '2026-01-01T00:00:09.000Z', '2026-01-01T00:00:10.000Z']);
    expect(next?.toISOString()).toBe('2026-01-01T00:00:11.000Z');
    const hourly = cron('0 * * * *', 'UTC');
    const missed = occurrencesThrough(hourly, new Date('2026-01-01T01:00:00Z'), new Date('2026-01-01T03:30:00Z'), 100);
    expect(iso(missed.due)).toEqual(['2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z', '2026-01-01T03:00:00.000Z']);
    expect(missed.next?.toISOString()).toBe('2026-01-01T04:00:00.000Z');
  });

  it.each([
    [{ cron: '0 0 30 2 *', timezone: 'UTC' }, 'cron', 'never fires'],
    [{ cron: '* * *', timezone: 'UTC' }, 'cron', '5 fields'],
    [{ cron: '0 0 * * * * 2030', timezone: 'UTC' }, 'cron', '5 fields'],
    [{ cron: '61 * * * *', timezone: 'UTC' }, 'cron', ''],
    [{ cron: '* * * * *', timezone: 'Mars/Olympus' }, 'timezone', 'IANA'],
    [{ every: 'P1M', timezone: 'UTC' }, 'every', 'fixed length'],
    [{ every: 'PT0S', timezone: 'UTC' }, 'every', 'fixed length'],
    [{ every: 'PT0.5S', timezone: 'UTC' }, 'every', 'PT1S'],
    [{ every: 'soon', timezone: 'UTC' }, 'every', 'ISO 8601'],
    [{ cron: '* * * * *', every: 'PT1M', timezone: 'UTC' }, 'every', 'exactly one'],
    [{ timezone: 'UTC' }, 'cron', 'exactly one'],
  ])('should refuse %j, naming %s', (input, path, words) => {
    const parsed = parseRecurrence(input, new Date('2026-01-01T00:00:00Z'));
    expect('problems' in parsed).toBe(true);
    if ('problems' in parsed) {
      expect(parsed.problems[0]).toMatchObject({ path });
      expect(parsed.problems[0]!.message).toContain(words);
    }
  });

  it('should read fixed-length ISO 8601 durations', () => {
    expect(parseIsoDuration('PT30S')).toBe(30_000);
    expect(parseIsoDuration('P1DT12H')).toBe(129_600_000);
    expect(parseIsoDuration('P2W')).toBe(1_209_600_000);
    expect(parseIsoDuration('PT1.5S')).toBe(1500);
    expect(parseIsoDuration('PT')).toBeNull();
    expect(parseIsoDuration('P')).toBeNull();
    expect(parseIsoDuration('P1Y')).toBeNull();
  });
});
