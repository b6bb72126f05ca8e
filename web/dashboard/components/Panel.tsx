import type { ReactNode } from 'react';
import type { GraphqlError } from '../api/graphqlError.ts';
import { ErrorNotice } from './ErrorNotice.tsx';

/** A titled section of a page with its own error line and an optional refresh button. */
export function Panel(props: { title: string; id: string; error?: GraphqlError | undefined; onRefresh?: () => void; actions?: ReactNode; children: ReactNode }) {
  const headingId = `${props.id}-heading`;
  return (
    <section className="panel" id={props.id} aria-labelledby={headingId}>
      <header className="panel-header">
        <h2 id={headingId}>{props.title}</h2>
        {props.actions}
        {props.onRefresh === undefined ? null : (
          <button type="button" className="link-button" onClick={props.onRefresh} aria-label={`Refresh ${props.title}`}>
            refresh
          </button>
        )}
      </header>
      <ErrorNotice error={props.error} />
      {props.children}
    </section>
  );
}
