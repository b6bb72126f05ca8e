/** Database commands by name (`find`, `insert`, `update`, …) over a window. */
export type CommandCounts = Map<string, number>;

/** Where a {@link CommandCounter} reads cumulative per-command counts from. */
export type CommandSource = () => Promise<CommandCounts>;

/**
 * FerretDB's debug metrics: `ferretdb_client_requests_total{command="find",opcode="OP_MSG"} 12`, summed by command.
 * Counts every client of the server, the bench's own reads included.
 */
export function ferretdbCommandSource(metricsUrl: string): CommandSource {
  return async () => {
    const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    const counts: CommandCounts = new Map();
    for (const match of text.matchAll(/^ferretdb_client_requests_total\{([^}]*)\}\s+([0-9.e+]+)$/gm)) {
      const command = /command="([^"]*)"/.exec(match[1]!)?.[1] ?? 'unknown';
      counts.set(command, (counts.get(command) ?? 0) + Number(match[2]));
    }
    return counts;
  };
}

/** Redis's `INFO commandstats` (`cmdstat_hset:calls=3,…`), by command. */
export function redisCommandSource(info: () => Promise<string>): CommandSource {
  return async () => {
    const counts: CommandCounts = new Map();
    for (const match of (await info()).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) counts.set(match[1]!, Number(match[2]));
    return counts;
  };
}

/** Per-command deltas of a {@link CommandSource} over a window; `undefined` without a source (external database). */
export class CommandCounter {
  private constructor(
    private readonly source: CommandSource,
    private readonly start: CommandCounts,
  ) {}

  /** Takes the start snapshot; `undefined` when there is no source or it cannot be read. */
  static async start(source: CommandSource | undefined): Promise<CommandCounter | undefined> {
    if (source === undefined) return undefined;
    try {
      return new CommandCounter(source, await source());
    } catch {
      return undefined;
    }
  }

  /** Commands since {@link start}, by name, largest first (zero deltas left out). */
  async read(): Promise<CommandCounts> {
    const now = await this.source();
    const deltas = [...now].map(([name, count]): [string, number] => [name, count - (this.start.get(name) ?? 0)]).filter(([, n]) => n > 0);
    return new Map(deltas.sort((a, b) => b[1] - a[1]));
  }
}

/** Total of a {@link CommandCounts}. */
export function totalCommands(counts: CommandCounts): number {
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}

/** `12.3 (find 8.1, update 2.0, …)` per unit, the top `top` commands. */
export function describePerUnit(counts: CommandCounts | undefined, units: number, top = 5): string {
  if (counts === undefined) return 'NOT MEASURED';
  if (units <= 0) return `n/a per job (none finished); ${totalCommands(counts)} commands over the window (${[...counts].slice(0, top).map(([name, n]) => `${name} ${n}`).join(', ')})`;
  const per = (n: number): string => (n / units >= 10 ? (n / units).toFixed(0) : (n / units).toFixed(1));
  const parts = [...counts].slice(0, top).map(([name, n]) => `${name} ${per(n)}`);
  return `${per(totalCommands(counts))} (${parts.join(', ')}${counts.size > top ? ', …' : ''})`;
}
