/**
 * `Promise.all` that waits for every operation to settle before it throws the first failure, so no write of a
 * failed step is still running when the step's caller moves on (or the attempt ends).
 */
export async function settledTogether<T extends readonly Promise<unknown>[]>(operations: readonly [...T]): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(operations);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
