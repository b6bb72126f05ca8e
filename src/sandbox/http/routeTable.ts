import type { EndpointKind } from './endpointKind.ts';

/** One route: method, path pattern (capture groups become `params`), endpoint kind and handler. */
export interface Route<C, K extends string = EndpointKind> {
  readonly method: string;
  readonly pattern: RegExp;
  readonly kind: K;
  readonly handle: (ctx: C, params: readonly string[]) => Promise<void>;
}

/** The outcome of matching a request against a {@link RouteTable}. */
export type RouteMatch<C, K extends string = EndpointKind> =
  | { readonly type: 'found'; readonly route: Route<C, K>; readonly params: readonly string[] }
  | { readonly type: 'method-not-allowed'; readonly allowed: readonly string[] }
  | { readonly type: 'not-found' };

/** A list of routes matched in order. */
export class RouteTable<C, K extends string = EndpointKind> {
  private readonly routes: Route<C, K>[] = [];

  /** Adds a route; `pattern` must match the whole path. */
  add(method: string, pattern: RegExp, kind: K, handle: Route<C, K>['handle']): this {
    this.routes.push({ method, pattern, kind, handle });
    return this;
  }

  /** Finds the route for `method` and `path`. */
  match(method: string, path: string): RouteMatch<C, K> {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
        return { type: 'found', route, params: m.slice(1).map((p) => decodeURIComponent(p ?? '')) };
      }
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { type: 'method-not-allowed', allowed } : { type: 'not-found' };
  }
}
