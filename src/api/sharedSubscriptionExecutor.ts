import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { mapIterator } from './subscriptions/releasingIterator.ts';

type Result = ExecutionResult | Promise<ExecutionResult>;

/**
 * graphql-ws's `subscribe`, executing each source event once per distinct operation instead of once per
 * subscriber: a thousand clients watching one job with the same query share one execution per event.
 * Results are shared only between subscriptions with the same `shareKey`, which must hold everything that
 * can change a result (the execution core's: the caller, its tenant and role, the operation and its
 * variables), so what a resolver reads through the caller's context is the same for all of them.
 * Completing a subscription returns its source stream at once (see `mapIterator`).
 */
export function createSharedSubscribe(shareKeyOf: (args: ExecutionArgs) => string | undefined) {
  const executions = new WeakMap<object, Map<string, Result>>();

  const executeShared = (args: ExecutionArgs, event: unknown, key: string | undefined): Result => {
    const run = () => execute({ ...args, rootValue: event });
    if (key === undefined || typeof event !== 'object' || event === null) return run();
    let byKey = executions.get(event);
    if (byKey === undefined) {
      byKey = new Map();
      executions.set(event, byKey);
    }
    let result = byKey.get(key);
    if (result === undefined) {
      result = run();
      byKey.set(key, result);
    }
    return result;
  };

  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    const key = shareKeyOf(args);
    const events = source[Symbol.asyncIterator]();
    return mapIterator(events, (event) => executeShared(args, event, key));
  };
}
