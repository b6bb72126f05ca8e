/** A function that runs `action` at most once per `intervalMs`: the first call at once, later ones coalesced into one trailing call. */
export interface Throttled {
  (): void;
  /** Drops a pending trailing call. */
  cancel(): void;
}

/** Throttles `action` to at most one call per `intervalMs` (leading and trailing). */
export function throttle(action: () => void, intervalMs: number): Throttled {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    last = Date.now();
    action();
  };
  const throttled = () => {
    if (timer !== undefined) return;
    const wait = last + intervalMs - Date.now();
    if (wait <= 0) fire();
    else timer = setTimeout(fire, wait);
  };
  return Object.assign(throttled, {
    cancel: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  });
}
