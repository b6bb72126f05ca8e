/** Most jobs running at one time, from their stored `startedAt`/`finishedAt`. */
export function peakConcurrency(jobs: readonly { startedAt: Date; finishedAt: Date }[]): number {
  const edges = jobs.flatMap((j) => [
    { at: j.startedAt.getTime(), delta: 1 },
    { at: j.finishedAt.getTime(), delta: -1 },
  ]);
  // A job finishing at the very millisecond another starts does not overlap it.
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let peak = 0;
  for (const e of edges) peak = Math.max(peak, (running += e.delta));
  return peak;
}
