import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';

type Result = ExecutionResult | Promise<ExecutionResult>;

/**
 * graphql-ws's `subscribe`, executing each source event once per distinct operation instead of once per
 * subscriber: a thousand clients watching one job with the same query share one execution per event.
 * Results are shared only between subscriptions with the same `shareKey` (operation text, variables and
 * tenant), so what a resolver reads through the caller's context is the same for all of them.
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

  return async (args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
    const key = shareKeyOf(args);
    const events = source as AsyncGenerator<unknown>;
    return (async function* mapped() {
      try {
        for await (const event of events) yield await executeShared(args, event, key);
      } finally {
        await events.return?.(undefined);
      }
    })();
  };
}
