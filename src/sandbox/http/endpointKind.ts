/** The kinds of endpoints faults can target. */
export const EndpointKinds = ['token', 'identity', 'versions', 'describe', 'query', 'sobject', 'collections', 'bulkQuery', 'bulkIngest', 'limits'] as const;

/** One kind of sandbox endpoint. */
export type EndpointKind = (typeof EndpointKinds)[number];

/** What a fault rule targets: one kind, `bulk` (both Bulk 2.0 kinds), or `any`. */
export type FaultTarget = EndpointKind | 'bulk' | 'any';

/** Whether a rule targeting `target` applies to a request of `kind`. */
export function targetMatches(target: FaultTarget, kind: EndpointKind): boolean {
  if (target === 'any') return kind !== 'versions';
  if (target === 'bulk') return kind === 'bulkQuery' || kind === 'bulkIngest';
  return target === kind;
}
