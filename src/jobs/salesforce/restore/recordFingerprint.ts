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
 * Candidates are bucketed by the fields every sent record carried, so the work stays linear.
 * Returns the sent record's key → the candidate's id.
 */
export function matchRecords(
  sent: readonly { key: string; values: Readonly<Record<string, unknown>> }[],
  candidates: readonly Readonly<Record<string, unknown>>[],
  idOf: (candidate: Readonly<Record<string, unknown>>) => string,
  exclude: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const matched = new Map<string, string>();
  if (sent.length === 0) return matched;
  const keysOf = (values: Readonly<Record<string, unknown>>) => Object.keys(values).filter((k) => k !== 'Id').sort();
  let common = keysOf(sent[0]!.values);
  for (const s of sent) {
    const own = new Set(Object.keys(s.values));
    common = common.filter((k) => own.has(k));
  }
  const buckets = new Map<string, { id: string; candidate: Readonly<Record<string, unknown>> }[]>();
  for (const candidate of candidates) {
    const id = idOf(candidate);
    if (exclude.has(id)) continue;
    const fp = recordFingerprint(candidate, common);
    const bucket = buckets.get(fp);
    if (bucket === undefined) buckets.set(fp, [{ id, candidate }]);
    else bucket.push({ id, candidate });
  }
  for (const s of sent) {
    const bucket = buckets.get(recordFingerprint(s.values, common));
    if (bucket === undefined) continue;
    const keys = keysOf(s.values);
    const want = recordFingerprint(s.values, keys);
    const index = bucket.findIndex((c) => recordFingerprint(c.candidate, keys) === want);
    if (index >= 0) {
      matched.set(s.key, bucket[index]!.id);
      bucket.splice(index, 1);
    }
  }
  return matched;
}
