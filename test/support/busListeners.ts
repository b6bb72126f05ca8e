import { eventually } from './eventually.ts';
import { TEST_KEYS } from './longhaulProcess.ts';

/** The API process's live bus listeners (`longhaul_bus_listeners` of `/metrics`, read with the operator key). */
export async function busListeners(url: string): Promise<number> {
  const res = await fetch(new URL('/metrics', url), { headers: { authorization: `Bearer ${TEST_KEYS.operator}` } });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  const match = /^longhaul_bus_listeners (\d+)$/m.exec(await res.text());
  if (match === null) throw new Error('/metrics has no longhaul_bus_listeners');
  return Number(match[1]);
}

/** Resolves with the listener count once `accept` holds for it; rejects with the last count after `timeoutMs`. */
export async function waitForBusListeners(url: string, accept: (count: number) => boolean, timeoutMs = 30_000): Promise<number> {
  return eventually('the bus listener count to be accepted', () => busListeners(url), accept, { timeoutMs, intervalMs: 50 });
}
