/** A lookup from `object.field` to `parent`. */
export interface LookupEdge {
  object: string;
  field: string;
  parent: string;
}

/** The order objects are restored in, and the lookups left for the second pass. */
export interface DependencyOrder {
  /** Parents before children. */
  order: string[];
  /** Lookups that close a cycle (self-lookups included): written empty, filled by the second pass. */
  deferred: LookupEdge[];
}

/**
 * Orders `objects` parents first (Kahn's algorithm, ties in the given order). When only cycles (and
 * objects waiting for them) are left, the object on a cycle with the fewest unresolved parents goes
 * next and its lookups to objects not yet placed are deferred: each cycle is broken at one object.
 */
export function dependencyOrder(objects: readonly string[], edges: readonly LookupEdge[]): DependencyOrder {
  const names = new Set(objects);
  const relevant = edges.filter((e) => names.has(e.object) && names.has(e.parent));
  const deferred: LookupEdge[] = relevant.filter((e) => e.object === e.parent);
  const pending = relevant.filter((e) => e.object !== e.parent);
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < objects.length) {
    const open = objects.filter((o) => !placed.has(o));
    const unresolved = (o: string) => pending.filter((e) => e.object === o && !placed.has(e.parent)).length;
    let next = open.find((o) => unresolved(o) === 0);
    if (next === undefined) {
      // Only an object on a cycle may go early; one that merely waits for a cycle keeps its lookups.
      const onCycle = open.filter((o) => reachesItself(o, pending, placed));
      next = onCycle.reduce((best, o) => (unresolved(o) < unresolved(best) ? o : best));
      deferred.push(...pending.filter((e) => e.object === next && !placed.has(e.parent)));
    }
    order.push(next);
    placed.add(next);
  }
  return { order, deferred };
}

/** Whether `start` reaches itself through lookups between objects not yet placed. */
function reachesItself(start: string, edges: readonly LookupEdge[], placed: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const stack = edges.filter((e) => e.object === start && !placed.has(e.parent)).map((e) => e.parent);
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current === start) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const e of edges) if (e.object === current && !placed.has(e.parent)) stack.push(e.parent);
  }
  return false;
}
