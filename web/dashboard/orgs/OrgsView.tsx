import { ORGS } from '../api/orgOperations.ts';
import { useQuery } from '../api/useQuery.ts';
import { formatTime } from '../components/formatTime.ts';
import { Panel } from '../components/Panel.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { Link, paths } from '../routing/router.tsx';

/** The caller's connected Salesforce orgs, oldest first, each linking to its page; statuses as of their last check. */
export function OrgsView() {
  const orgs = useQuery(ORGS, {});
  const rows = orgs.data?.orgs;
  return (
    <main>
      <Panel title="Orgs" id="orgs" error={orgs.error} onRefresh={orgs.refetch}>
        {rows !== undefined && rows.length === 0 ? <p className="empty">No org connected yet (the API's connectOrg mutation connects one).</p> : null}
        {rows === undefined || rows.length === 0 ? null : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Org</th>
                <th scope="col">Status</th>
                <th scope="col">Instance</th>
                <th scope="col">User</th>
                <th scope="col">API budget</th>
                <th scope="col">Checked</th>
                <th scope="col">Connected</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((org) => (
                <tr key={org.id} data-org-id={org.id}>
                  <td>
                    <Link href={paths.org(org.id)}>{org.name}</Link> <span className="hint mono">{org.salesforceOrgId}</span>
                  </td>
                  <td>
                    <StateBadge state={org.status} />
                    {org.statusDetail === null ? null : <span className="hint"> {org.statusDetail}</span>}
                  </td>
                  <td className="mono">{org.instanceUrl ?? '—'}</td>
                  <td>{org.username ?? '—'}</td>
                  <td>{org.apiBudget === null ? '—' : `${org.apiBudget.remaining} of ${org.apiBudget.max} left`}</td>
                  <td>{formatTime(org.checkedAt)}</td>
                  <td>{formatTime(org.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </main>
  );
}
