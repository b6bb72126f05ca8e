import { setTimeout as sleep } from 'node:timers/promises';

/** Options of {@link eventually}. */
export interface EventuallyOptions {
  /** How long the condition is given before the wait fails; default 60,000 ms (a loaded 2-core machine is slow). */
  timeoutMs?: number;
  /** Pause between two checks; default 100 ms. */
  intervalMs?: number;
}

/** What a one-function {@link eventually} resolves with: the check's answer, without the answers that mean "not yet". */
export type Eventual<T> = Exclude<T, undefined | null | false>;

/** Error of a wait that ran out of time; its message names what was awaited and the last value or error. */
export class EventuallyTimeoutError extends Error {
  override readonly name = 'EventuallyTimeoutError';
  readonly code = 'EVENTUALLY_TIMEOUT';
}

/**
 * Calls `check` until it answers something other than `undefined`, `null` or `false` without throwing, and
 * resolves with that answer: a condition (`() => count() === 3` resolves `true`) or a value
 * (`() => list.find(...)` resolves the item found).
 */
export function eventually<T>(what: string, check: () => T | Promise<T>, options?: EventuallyOptions): Promise<Eventual<T>>;
/**
 * Calls `read` until `accept` holds for the value read, and resolves with that value; on time-out the
 * message shows the last value read.
 */
export function eventually<T>(what: string, read: () => T | Promise<T>, accept: (value: T) => boolean, options?: EventuallyOptions): Promise<T>;
/**
 * Polls until a condition holds or a value comes. A check that throws (an `expect` that does not hold
 * yet, a request refused while a process starts) counts as "not yet". After `timeoutMs` it rejects with
 * an {@link EventuallyTimeoutError} naming `what` was awaited and the last value or error seen.
 *
 * For things that can be observed only by asking again (state reached through other processes, a file
 * a child writes); when an event can be awaited, await the event instead.
 */
export async function eventually<T>(
  what: string,
  read: () => T | Promise<T>,
  acceptOrOptions?: ((value: T) => boolean) | EventuallyOptions,
  maybeOptions?: EventuallyOptions,
): Promise<T> {
  const accept = typeof acceptOrOptions === 'function' ? acceptOrOptions : (value: T) => value !== undefined && value !== null && value !== false;
  const options = (typeof acceptOrOptions === 'function' ? maybeOptions : acceptOrOptions) ?? {};
  const timeoutMs = options.timeoutMs ?? 60_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let last: { value: unknown } | { error: unknown };
  for (let checks = 1; ; checks++) {
    try {
      const value = await read();
      if (accept(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) {
      const seen = 'error' in last ? `last error: ${show(last.error)}` : `last value: ${show(last.value)}`;
      throw new EventuallyTimeoutError(`waited ${timeoutMs} ms (${checks} checks) for ${what}; ${seen}`, 'error' in last ? { cause: last.error } : undefined);
    }
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}

/** A value as a failure message shows it (JSON, cut at 2,000 characters). */
function show(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  } catch {
    return String(value);
  }
}
