/**
 * Wraps an async generator so that `return()` runs `release` at once. An async generator queues a
 * `return()` behind a pending `next()`: a subscription waiting for an event that never comes would keep
 * its bus listener forever. `release` should make the pending `next()` settle (end the generator's queue).
 */
export function releasingIterator<T>(source: AsyncGenerator<T>, release: () => void): AsyncIterableIterator<T> & { return(): Promise<IteratorResult<T>> } {
  return {
    next: () => source.next(),
    return: async () => {
      release();
      await source.return(undefined);
      return { value: undefined, done: true };
    },
    throw: async (error: unknown) => {
      release();
      return source.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Maps each item of `source` with `map`, forwarding `return()` to `source` at once (see
 * {@link releasingIterator}); graphql-js's own mapping does the same.
 */
export function mapIterator<T, R>(source: AsyncIterator<T>, map: (item: T) => R | Promise<R>): AsyncIterableIterator<R> & { return(): Promise<IteratorResult<R>> } {
  return {
    next: async () => {
      const result = await source.next();
      if (result.done === true) return { value: undefined, done: true };
      try {
        return { value: await map(result.value), done: false };
      } catch (error) {
        await source.return?.(undefined);
        throw error;
      }
    },
    return: async () => {
      await source.return?.(undefined);
      return { value: undefined, done: true };
    },
    throw: async (error: unknown) => {
      await source.return?.(undefined);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
