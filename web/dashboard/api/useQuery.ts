import { useCallback, useEffect, useRef, useState } from 'react';
import { useConnection } from './connectionContext.ts';
import type { TypedDocumentString } from './generated/graphql.ts';
import { GraphqlError } from './graphqlError.ts';

/** What {@link useQuery} holds: the last data, the last error, and whether a request is out. */
export interface QueryState<T> {
  data: T | undefined;
  error: GraphqlError | undefined;
  loading: boolean;
  /** `Date.now()` when the last data arrived (ages shown next to it are as of then). */
  receivedAt: number | undefined;
  /** Runs the query again (after an event, or the refresh button); the previous data stays until it answers. */
  refetch: () => void;
}

/**
 * Runs `query` (a generated document) once per change of its variables and when told to (`refetch`): never on a
 * timer. An answer that arrives after a newer request was sent is dropped.
 */
export function useQuery<T, V>(query: TypedDocumentString<T, V>, variables: V): QueryState<T> {
  const connection = useConnection();
  const [state, setState] = useState<Omit<QueryState<T>, 'refetch'>>({ data: undefined, error: undefined, loading: true, receivedAt: undefined });
  const sequence = useRef(0);
  const variablesKey = JSON.stringify(variables);
  const run = useCallback(() => {
    const mine = ++sequence.current;
    setState((previous) => ({ ...previous, loading: true }));
    connection.request(query, JSON.parse(variablesKey) as V).then(
      (data) => mine === sequence.current && setState({ data, error: undefined, loading: false, receivedAt: Date.now() }),
      (error: unknown) => mine === sequence.current && setState((previous) => ({ ...previous, error: GraphqlError.from(error), loading: false })),
    );
  }, [connection, query, variablesKey]);
  useEffect(() => {
    run();
  }, [run]);
  return { ...state, refetch: run };
}
