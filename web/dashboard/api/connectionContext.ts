import { createContext, useContext } from 'react';
import type { GraphqlConnection } from './graphqlConnection.ts';

/** The API connection of the entered key; the app renders no data view without one. */
export const ConnectionContext = createContext<GraphqlConnection | undefined>(undefined);

/** The current {@link GraphqlConnection}; only used below the provider. */
export function useConnection(): GraphqlConnection {
  const connection = useContext(ConnectionContext);
  if (connection === undefined) throw new Error('useConnection outside ConnectionContext');
  return connection;
}
