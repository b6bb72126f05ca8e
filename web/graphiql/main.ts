import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './longhaul.css';
import { GraphiQL } from 'graphiql';
import { createElement as h, useEffect, useMemo, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { apiKeyStore } from './apiKeyStore.ts';
import { exampleTabs } from './exampleTabs.ts';
import { createLonghaulFetcher } from './longhaulFetcher.ts';

/** The API this page was served by: same origin, `/graphql` for HTTP and WebSocket. */
const GRAPHQL_URL = new URL('/graphql', location.href).href;

function KeyBar(props: { apiKey: string | undefined; onApply(key: string | undefined): void }) {
  const [draft, setDraft] = useState(props.apiKey ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onApply(draft.trim() === '' ? undefined : draft.trim());
  };
  return h(
    'form',
    { className: 'longhaul-keybar', onSubmit: submit },
    h('strong', null, 'longhaul'),
    h(
      'label',
      null,
      'API key ',
      h('input', {
        type: 'password',
        name: 'apiKey',
        autoComplete: 'off',
        value: draft,
        placeholder: 'the key longhaul printed at start',
        onChange: (event: { target: { value: string } }) => setDraft(event.target.value),
      }),
    ),
    h('button', { type: 'submit' }, 'Use key'),
    h(
      'span',
      { className: 'longhaul-keybar-hint' },
      props.apiKey === undefined ? 'no key: every request is refused (UNAUTHENTICATED)' : 'sent over HTTP and in the WebSocket connection_init; an authorization header of the headers editor wins',
    ),
  );
}

function App() {
  const [apiKey, setApiKey] = useState(() => apiKeyStore.initial());
  // A new fetcher for a new key: GraphiQL then fetches the schema again with it.
  const fetcher = useMemo(() => createLonghaulFetcher({ url: GRAPHQL_URL, apiKey }), [apiKey]);
  useEffect(() => () => fetcher.dispose(), [fetcher]);
  const apply = (key: string | undefined) => {
    apiKeyStore.save(key);
    setApiKey(key);
  };
  return h(
    'div',
    { className: 'longhaul-root' },
    h(KeyBar, { apiKey, onApply: apply }),
    h('div', { className: 'longhaul-graphiql' }, h(GraphiQL, { fetcher, defaultTabs: exampleTabs, defaultEditorToolsVisibility: true })),
  );
}

createRoot(document.getElementById('root')!).render(h(App));
