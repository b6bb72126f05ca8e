import type { GraphqlError } from '../api/graphqlError.ts';

/** A GraphQL error in a panel: its code first (what an operator searches for), then the message. */
export function ErrorNotice(props: { error: GraphqlError | undefined; what?: string }) {
  if (props.error === undefined) return null;
  return (
    <p className="error-notice" role="alert">
      {props.what === undefined ? '' : `${props.what}: `}
      <code className="error-code">{props.error.code}</code> {props.error.message}
    </p>
  );
}
