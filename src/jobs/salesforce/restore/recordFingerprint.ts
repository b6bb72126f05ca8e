/**
 * A record's written values as one comparable text: the same for what was sent, for the row a Bulk
 * ingest job echoes back (all strings) and for the record read back with a query. Empty and `null`
 * are the same; numbers compare as numbers; booleans as `true`/`false`.
 */
export function recordFingerprint(record: Readonly<Record<string, unknown>>, fields: readonly string[]): string {
  return JSON.stringify(fields.map((f) => normalize(record[f])));
}

function normalize(value: unknown): string {
  if (value === null || value === undefined || value === '' || value === '#N/A') return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  const text = String(value);
  if (/^-?\d+(\.\d+)?$/.test(text) && text.length < 16) return String(Number(text));
  if (text === 'TRUE' || text === 'FALSE' || text === 'True' || text === 'False') return text.toLowerCase();
  return text.replace(/\r\n/g, '\n');
}

/**
 * Pairs sent records with candidate records (read back, or echoed by a Bulk job): each sent record
 * is compared on the fields it carried (omitted ones took defaults in the target), each candidate
 * pairs at most once (identical records pair in order), and candidates in `exclude` never pair.
 * Returns the sent record's key → the candidate's id.
 */
export function matchRecords(
  sent: readonly { key: string; values: Readonly<Record<string, unknown>> }[],
  candidates: readonly Readonly<Record<string, unknown>>[],
  idOf: (candidate: Readonly<Record<string, unknown>>) => string,
  exclude: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const groups = new Map<string, { keys: string[]; members: (typeof sent)[number][] }>();
  for (const s of sent) {
    const keys = Object.keys(s.values).filter((k) => k !== 'Id').sort();
    const signature = keys.join(',');
    const group = groups.get(signature);
    if (group === undefined) groups.set(signature, { keys, members: [s] });
    else group.members.push(s);
  }
  const used = new Set(exclude);
  const matched = new Map<string, string>();
  for (const { keys, members } of groups.values()) {
    const pool = new Map<string, string[]>();
    for (const c of candidates) {
      const id = idOf(c);
      if (used.has(id)) continue;
      const fp = recordFingerprint(c, keys);
      const list = pool.get(fp);
      if (list === undefined) pool.set(fp, [id]);
      else list.push(id);
    }
    for (const m of members) {
      const list = pool.get(recordFingerprint(m.values, keys));
      let id = list?.shift();
      while (id !== undefined && used.has(id)) id = list?.shift();
      if (id !== undefined) {
        used.add(id);
        matched.set(m.key, id);
      }
    }
  }
  return matched;
}
