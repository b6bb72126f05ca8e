/** One sample of a Prometheus text exposition. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A metric family: its `# TYPE`, `# HELP` and samples (histogram `_bucket`/`_sum`/`_count` included). */
export interface PromFamily {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string | undefined;
  samples: PromSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/**
 * A strict parser of the Prometheus text format (0.0.4): throws with the line number on anything malformed —
 * bad names, label syntax or escapes, unparsable values, a sample before or outside its family's `# TYPE`,
 * a family declared twice, duplicate series.
 */
export function parsePrometheusText(text: string): Map<string, PromFamily> {
  const families = new Map<string, PromFamily>();
  const seenSeries = new Set<string>();
  let current: PromFamily | undefined;
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    const fail = (why: string): never => {
      throw new Error(`line ${index + 1}: ${why}: ${JSON.stringify(line)}`);
    };
    if (line === '') return;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (m === null) return; // other comments are allowed
      const [, keyword, name, rest] = m as unknown as [string, string, string, string];
      if (!NAME.test(name)) fail('bad metric name');
      let family = families.get(name);
      if (family === undefined) {
        family = { name, type: 'untyped', help: undefined, samples: [] };
        families.set(name, family);
      } else if (family !== current) fail('family declared twice');
      current = family;
      if (keyword === 'TYPE') {
        if (!TYPES.has(rest)) fail('unknown type');
        if (family.samples.length > 0) fail('TYPE after samples');
        family.type = rest as PromFamily['type'];
      } else family.help = rest;
      return;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$/.exec(line);
    if (m === null) return fail('malformed sample');
    const name = m[1]!;
    const labels = parseLabels(m[3] ?? '', fail);
    const value = parseValue(m[4]!, fail);
    const family = current;
    if (family === undefined) return fail('sample without a family');
    const suffixes = family.type === 'histogram' ? ['_bucket', '_sum', '_count'] : family.type === 'summary' ? ['', '_sum', '_count'] : [''];
    if (!suffixes.some((s) => name === family.name + s)) fail(`sample outside its family ${family.name}`);
    if (family.type === 'histogram' && name.endsWith('_bucket') && labels.le === undefined) fail('bucket without le');
    const series = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seenSeries.has(series)) fail('duplicate series');
    seenSeries.add(series);
    family.samples.push({ name, labels, value });
  });
  return families;
}

function parseLabels(text: string, fail: (why: string) => never): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    if (eq === -1) fail('label without =');
    const name = text.slice(i, eq);
    if (!LABEL_NAME.test(name)) fail(`bad label name ${name}`);
    if (text[eq + 1] !== '"') fail('label value not quoted');
    let value = '';
    let j = eq + 2;
    for (;;) {
      if (j >= text.length) fail('unterminated label value');
      const c = text[j]!;
      if (c === '\\') {
        const next = text[j + 1];
        if (next === 'n') value += '\n';
        else if (next === '\\' || next === '"') value += next;
        else fail('bad escape in label value');
        j += 2;
        continue;
      }
      if (c === '"') break;
      value += c;
      j += 1;
    }
    if (name in labels) fail(`label ${name} repeated`);
    labels[name] = value;
    i = j + 1;
    if (text[i] === ',') i += 1;
    else if (i < text.length) fail('expected , between labels');
  }
  return labels;
}

function parseValue(text: string, fail: (why: string) => never): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) fail('bad value');
  return Number(text);
}

/** The value of the sample `name` whose labels include `labels`; 0 when there is none (counters not yet seen). */
export function sampleValue(families: Map<string, PromFamily>, name: string, labels: Record<string, string> = {}): number {
  for (const family of families.values()) {
    for (const sample of family.samples) {
      if (sample.name === name && Object.entries(labels).every(([k, v]) => sample.labels[k] === v)) return sample.value;
    }
  }
  return 0;
}
