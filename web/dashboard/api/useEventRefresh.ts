import { useEffect, useRef, useState } from 'react';
import { useConnection } from './connectionContext.ts';
import type { TypedDocumentString } from './generated/graphql.ts';
import type { GraphqlError } from './graphqlError.ts';
import { throttle } from './throttle.ts';

/** Options of {@link useEventRefresh}. */
export interface EventRefreshOptions<T, V> {
  /** The subscription's variables (e.g. `jobEvents`' filter); default none. A change subscribes again. */
  variables?: V;
  /** Called with each event, before the throttled refresh; default none. */
  onEvent?: (data: T) => void;
}

/**
 * Subscribes to `subscription` and calls `refresh` when events arrive, at most once per `intervalMs` (and after a
 * reconnect, when events may have been missed). Each event also goes to `options.onEvent`. Returns the
 * subscription's error.
 */
export function useEventRefresh<T, V>(subscription: TypedDocumentString<T, V>, intervalMs: number, refresh: () => void, options: EventRefreshOptions<T, V> = {}): GraphqlError | undefined {
  const connection = useConnection();
  const [error, setError] = useState<GraphqlError | undefined>();
  // The latest callbacks, without subscribing again each render.
  const callbacks = useRef({ refresh, onEvent: options.onEvent });
  callbacks.current = { refresh, onEvent: options.onEvent };
  const variablesKey = JSON.stringify(options.variables ?? {});

  useEffect(() => {
    const throttled = throttle(() => callbacks.current.refresh(), intervalMs);
    setError(undefined);
    const unsubscribe = connection.subscribe(subscription, JSON.parse(variablesKey) as V, {
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
  }, [connection, subscription, intervalMs, variablesKey]);
  return error;
}
