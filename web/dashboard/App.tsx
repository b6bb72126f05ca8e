import { useEffect, useMemo, useState } from 'react';
import { apiKeyStore } from './api/apiKeyStore.ts';
import { ConnectionContext } from './api/connectionContext.ts';
import { GraphqlConnection } from './api/graphqlConnection.ts';
import { KeyBar } from './components/KeyBar.tsx';
import { JobPage } from './jobs/JobPage.tsx';
import { JobsView } from './jobs/JobsView.tsx';
import { MonitoringView } from './monitoring/MonitoringView.tsx';
import { OrgPage } from './orgs/OrgPage.tsx';
import { OrgsView } from './orgs/OrgsView.tsx';
import { Link, paths, useRoute, type Route } from './routing/router.tsx';
import { SchedulesView } from './schedules/SchedulesView.tsx';

/** The API this page was served by: same origin, `/graphql` for HTTP and WebSocket. */
const GRAPHQL_URL = new URL('/graphql', location.href).href;

function Page(props: { route: Route }) {
  const { route } = props;
  switch (route.page) {
    case 'jobs':
      return <JobsView />;
    case 'job':
      return <JobPage key={route.id} id={route.id} />;
    case 'monitoring':
      return <MonitoringView />;
    case 'orgs':
      return <OrgsView />;
    case 'org':
      return <OrgPage key={route.id} id={route.id} />;
    case 'schedules':
      return <SchedulesView />;
    case 'notFound':
      return (
        <main>
          <p>
            Nothing at {route.path}. <Link href={paths.jobs}>Jobs</Link>
          </p>
        </main>
      );
    default: {
      const exhaustive: never = route;
      return exhaustive;
    }
  }
}

/** The dashboard: the key bar, then the page of the current URL, with one API connection per entered key. */
export function App() {
  const [apiKey, setApiKey] = useState(() => apiKeyStore.initial());
  const route = useRoute();
  const connection = useMemo(() => (apiKey === undefined ? undefined : new GraphqlConnection({ url: GRAPHQL_URL, apiKey })), [apiKey]);
  useEffect(() => () => connection?.dispose(), [connection]);
  const apply = (key: string | undefined) => {
    apiKeyStore.save(key);
    setApiKey(key);
  };
  return (
    <>
      <KeyBar apiKey={apiKey} route={route} onApply={apply} />
      {connection === undefined ? (
        <main>
          <p className="empty">Enter an API key above: the dashboard is a client of the GraphQL API and sends it with every request and in the WebSocket connection.</p>
        </main>
      ) : (
        <ConnectionContext.Provider value={connection} key={apiKey}>
          <Page route={route} />
        </ConnectionContext.Provider>
      )}
    </>
  );
}
