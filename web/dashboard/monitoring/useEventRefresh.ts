import { useEffect, useRef, useState } from 'react';
import { useConnection } from '../api/connectionContext.ts';
import type { TypedDocumentString } from '../api/generated/graphql.ts';
import type { GraphqlError } from '../api/graphqlError.ts';
import { throttle } from '../api/throttle.ts';

/**
 * Subscribes to `subscription` (one that needs no variables) and calls `refresh` when events arrive, at most once per `intervalMs` (and after a
 * reconnect, when events may have been missed). Each event also goes to `onEvent`. Returns the subscription's error.
 */
export function useEventRefresh<T>(subscription: TypedDocumentString<T, Record<string, never>>, intervalMs: number, refresh: () => void, onEvent?: (data: T) => void): GraphqlError | undefined {
  const connection = useConnection();
  const [error, setError] = useState<GraphqlError | undefined>();
  // The latest callbacks, without subscribing again each render.
  const callbacks = useRef({ refresh, onEvent });
  callbacks.current = { refresh, onEvent };

  useEffect(() => {
    const throttled = throttle(() => callbacks.current.refresh(), intervalMs);
    setError(undefined);
    const unsubscribe = connection.subscribe(subscription, {}, {
      next: (data) => {
        callbacks.current.onEvent?.(data);
        throttled();
      },
      error: setError,
      reconnected: throttled,
    });
    return () => {
      throttled.cancel();
      unsubscribe();
    };
  }, [connection, subscription, intervalMs]);
  return error;
}
