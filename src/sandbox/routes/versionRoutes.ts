import type { ApiContext } from '../http/apiContext.ts';
import { sendJson } from '../http/responseWriter.ts';
import type { RouteTable } from '../http/routeTable.ts';

/** API versions the sandbox lists at `GET /services/data` (it serves any version from 20.0 on). */
export const listedApiVersions: readonly string[] = Array.from({ length: 34 }, (_, i) => `${31 + i}.0`);

/** The body of `GET /services/data`. */
export function versionList(): Array<{ label: string; url: string; version: string }> {
  return listedApiVersions.map((version) => ({ label: `API ${version}`, url: `/services/data/v${version}`, version }));
}

/** Adds `GET /services/data/vXX.X` (the resources of a version). */
export function registerVersionRoutes(routes: RouteTable<ApiContext>): void {
  routes.add('GET', /^\/?$/, 'versions', async (ctx) => {
    const base = `/services/data/v${ctx.version}`;
    sendJson(ctx.res, 200, {
      sobjects: `${base}/sobjects`,
      query: `${base}/query`,
      queryAll: `${base}/queryAll`,
      limits: `${base}/limits`,
      composite: `${base}/composite`,
      jobs: `${base}/jobs`,
      identity: `${ctx.deps.baseUrl()}/id/${ctx.org.orgId}/${ctx.org.userId}`,
    });
  });
}
