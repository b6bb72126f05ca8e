import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** The dashboard's pages; `/` and `/dashboard` both show the jobs list. */
export type Route =
  | { page: 'jobs' }
  | { page: 'job'; id: string }
  | { page: 'monitoring' }
  | { page: 'orgs' }
  | { page: 'org'; id: string }
  | { page: 'schedules' }
  | { page: 'notFound'; path: string };

/** Client-side URL of a page. */
export const paths = {
  jobs: '/dashboard',
  job: (id: string) => `/dashboard/jobs/${encodeURIComponent(id)}`,
  monitoring: '/dashboard/monitoring',
  orgs: '/dashboard/orgs',
  org: (id: string) => `/dashboard/orgs/${encodeURIComponent(id)}`,
  schedules: '/dashboard/schedules',
};

/** The {@link Route} of a path. */
export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/dashboard' || path === '/dashboard/jobs') return { page: 'jobs' };
  if (path === '/dashboard/monitoring') return { page: 'monitoring' };
  if (path === '/dashboard/orgs') return { page: 'orgs' };
  if (path === '/dashboard/schedules') return { page: 'schedules' };
  const job = /^\/dashboard\/jobs\/([^/]+)$/.exec(path);
  if (job !== null) return { page: 'job', id: decodeURIComponent(job[1]!) };
  const org = /^\/dashboard\/orgs\/([^/]+)$/.exec(path);
  if (org !== null) return { page: 'org', id: decodeURIComponent(org[1]!) };
  return { page: 'notFound', path };
}

const NAVIGATED = 'longhaul:navigated';

/** Goes to `path` without reloading (history.pushState). */
export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** The current route; follows links and the back and forward buttons. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, []);
  return route;
}

/** An `<a>` that navigates client-side on a plain click (a modified click opens a tab as usual). */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.href);
  };
  return <a {...props} onClick={onClick} />;
}
