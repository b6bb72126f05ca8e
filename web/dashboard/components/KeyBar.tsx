import { useState, type FormEvent } from 'react';
import { Link, paths, type Route } from '../routing/router.tsx';

/** The top bar: navigation and the API key field (the key is kept in localStorage). */
export function KeyBar(props: { apiKey: string | undefined; route: Route; onApply(key: string | undefined): void }) {
  const [draft, setDraft] = useState(props.apiKey ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onApply(draft.trim() === '' ? undefined : draft.trim());
  };
  const current = (page: Route['page']) => (props.route.page === page ? 'page' : undefined);
  return (
    <header className="topbar">
      <strong className="brand">longhaul</strong>
      <nav aria-label="Dashboard">
        <Link href={paths.jobs} aria-current={current('jobs')}>
          Jobs
        </Link>
        <Link href={paths.monitoring} aria-current={current('monitoring')}>
          Monitoring
        </Link>
        <Link href={paths.orgs} aria-current={current('orgs')}>
          Orgs
        </Link>
        <Link href={paths.schedules} aria-current={current('schedules')}>
          Schedules
        </Link>
        <a href="/graphiql">GraphiQL</a>
      </nav>
      <form className="keyform" onSubmit={submit} aria-label="API key settings">
        <label>
          API key{' '}
          <input type="password" name="apiKey" autoComplete="off" value={draft} placeholder="the key longhaul printed at start" onChange={(event) => setDraft(event.target.value)} />
        </label>
        <button type="submit">Use key</button>
        {props.apiKey === undefined ? null : (
          <button
            type="button"
            onClick={() => {
              setDraft('');
              props.onApply(undefined);
            }}
          >
            Forget
          </button>
        )}
      </form>
    </header>
  );
}
