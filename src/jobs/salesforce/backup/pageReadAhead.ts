/**
 * `pages`, with the next page fetched while the caller works on the current one (stores it, saves its
 * checkpoint): at most one page is read ahead, so memory stays at two pages whatever the object's size.
 *
 * Nothing about resuming changes: a page's position is checkpointed by the caller once it is stored, and a
 * page read ahead but never stored is read again by the resumed run. A failure while a page is read ahead is
 * held (no unhandled rejection) and thrown when the caller asks for that page. When the caller stops early
 * (an error, a cancellation) the read in flight is waited for, its outcome dropped, and `pages` closed, so
 * no Salesforce call outlives the run that made it (a cancelled job's signal ends the call's retries).
 */
export async function* readPagesAhead<T>(pages: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = pages[Symbol.asyncIterator]();
  let ahead: Promise<IteratorResult<T>> | null = iterator.next();
  try {
    for (;;) {
      const current: Promise<IteratorResult<T>> = ahead;
      ahead = null;
      // A rejection here ends `pages` (an async generator that threw is done): nothing is left to close.
      const result = await current;
      if (result.done === true) return;
      ahead = iterator.next();
      // Held until the caller asks for it; awaiting `ahead` later still throws.
      void ahead.catch(() => undefined);
      yield result.value;
    }
  } finally {
    if (ahead !== null) {
      await ahead.catch(() => undefined);
      await iterator.return?.();
    }
  }
}
