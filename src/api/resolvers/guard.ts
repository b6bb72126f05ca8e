import { toGraphQLError } from '../errors/toGraphQLError.ts';

/** Runs a resolver body and maps whatever it throws to a GraphQL error with a stable code. */
export async function guard<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toGraphQLError(error);
  }
}
