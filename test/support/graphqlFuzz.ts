import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import type { Random } from './random.ts';

/** A GraphQL-over-HTTP or graphql-ws request as the fuzz sends it: any JSON, not necessarily a well-formed request. */
export interface FuzzRequest {
  query: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** Root fields the fuzz never calls: outbound connections to arbitrary URLs, and waits for worker processes. */
const EXCLUDED_ROOT_FIELDS = new Set(['connectOrg', 'captureDiagnostics']);

/** Text no answer may contain: source paths, stack frames. The generator never emits it, so an echo cannot fake a leak. */
export const LEAK_PATTERNS = [/\/src\//, /\.ts:/, /node_modules/, /\bat [\w.<>$]+ \([^)]*:\d+:\d+\)/, /\n\s+at /];

const ODD_STRINGS = ['', ' ', '\u0000', '\u202e', '💥'.repeat(3), 'é', '\uD800', 'null', 'undefined', '"', '\\', '{}', '[]', 'a'.repeat(5000), '../../etc/passwd', '$where', '{"$gt":""}', '<script>', '%00', 'ΑΒΓ', '日本語', '0'.repeat(24), 'ffffffffffffffffffffffff', '-1'];
const ODD_NUMBERS = [0, -0, 1, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 1e308, -1e308, 1.5, 3.14e-300, 4294967296, 999999999999];
const TOKENS = ['{', '}', '(', ')', '[', ']', ':', '$', '!', '=', '@', '...', '|', '&', ',', 'query', 'mutation', 'subscription', 'fragment', 'on', 'true', 'false', 'null', '"str"', '"""block"""', '1', '-0', '1e9', '__typename', '__schema', 'jobs', 'job', 'id', 'first', 'filter', 'states', 'types', 'nodes', 'RUNNING', 'createJob', 'input', '#', '\n', 'é', '💥', '\\u0000'];

/** Random inputs for the GraphQL API: schema-shaped operations, mutated and truncated documents, token soup, odd variables. */
export class GraphqlFuzzer {
  private readonly rootFields: { kind: 'query' | 'mutation' | 'subscription'; field: GraphQLField<unknown, unknown> }[];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly corpus: readonly string[],
    readonly random: Random,
  ) {
    this.rootFields = [];
    for (const kind of ['query', 'mutation', 'subscription'] as const) {
      const root = kind === 'query' ? schema.getQueryType() : kind === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      for (const field of Object.values(root?.getFields() ?? {})) {
        if (!EXCLUDED_ROOT_FIELDS.has(field.name)) this.rootFields.push({ kind, field });
      }
    }
  }

  /** One request of a random kind; never contains a {@link LEAK_PATTERNS} text. */
  request(): FuzzRequest {
    for (;;) {
      const request = this.anyRequest();
      if (!LEAK_PATTERNS.some((p) => p.test(JSON.stringify(request)))) return request;
    }
  }

  private anyRequest(): FuzzRequest {
    const r = this.random;
    switch (r.int(0, 9)) {
      case 0:
      case 1:
      case 2:
        return this.schemaOperation();
      case 3:
        return { query: this.mutate(r.pick(this.corpus)), variables: r.chance(0.5) ? this.oddValue(3) : undefined };
      case 4: {
        const text = r.pick(this.corpus);
        return { query: text.slice(0, r.int(0, text.length)) };
      }
      case 5:
        return { query: Array.from({ length: r.int(1, 60) }, () => r.pick(TOKENS)).join(r.chance(0.5) ? ' ' : '') };
      case 6: {
        const operation = this.schemaOperation();
        return { ...operation, variables: this.mutateVariables(operation.variables) };
      }
      case 7:
        return { query: this.deep() };
      case 8:
        return { query: r.pick(this.corpus), variables: this.oddValue(4), operationName: r.chance(0.5) ? this.oddValue(1) : r.pick(ODD_STRINGS) };
      default:
        return this.malformedRequest();
    }
  }

  /** A request whose fields have the wrong JSON types. */
  private malformedRequest(): FuzzRequest {
    const r = this.random;
    const query = r.chance(0.5) ? this.oddValue(2) : r.pick(this.corpus);
    return { query, variables: r.chance(0.7) ? this.oddValue(3) : r.pick(ODD_STRINGS), operationName: r.chance(0.5) ? this.oddValue(1) : undefined };
  }

  /** Deep nesting in selections, lists or objects, or many repeated fields. */
  private deep(): string {
    const r = this.random;
    const n = r.int(10, 400);
    switch (r.int(0, 3)) {
      case 0:
        return `{ jobs { nodes { ${'job: __typename '.repeat(n)} } } }`;
      case 1:
        return `{ jobs(filter: { states: ${'['.repeat(n)}RUNNING${']'.repeat(n)} }) { nodes { id } } }`;
      case 2:
        return `{ ${'a { '.repeat(n)}b${' }'.repeat(n)} }`;
      default:
        return `query($v: JSON) { createJob(input: { type: "demo.count", input: ${'{ a: '.repeat(n)}1${' }'.repeat(n)} }) { id } }`;
    }
  }

  /** A random operation built from the schema: a root field, arguments (usually of the right type), a selection. */
  private schemaOperation(): FuzzRequest {
    const r = this.random;
    const { kind, field } = r.pick(this.rootFields);
    const variables: Record<string, unknown> = {};
    const definitions: string[] = [];
    const args = field.args
      .filter((a) => isNonNullType(a.type) || r.chance(0.5))
      .map((a) => {
        if (r.chance(0.4)) {
          const name = `v${definitions.length}`;
          definitions.push(`$${name}: ${r.chance(0.9) ? String(a.type) : r.pick(['Int', 'String!', '[ID]', 'JobFilter', 'Boolean'])}`);
          if (r.chance(0.9)) variables[name] = r.chance(0.85) ? this.inputValue(a.type, 0) : this.oddValue(2);
          return `${a.name}: $${name}`;
        }
        return `${a.name}: ${this.literal(a.type, 0)}`;
      });
    const selection = this.selection(getNamedType(field.type), 0);
    const head = definitions.length > 0 ? `${kind} Fuzz(${definitions.join(', ')})` : kind;
    return { query: `${head} { ${field.name}${args.length > 0 ? `(${args.join(', ')})` : ''} ${selection} }`, variables };
  }

  private selection(type: GraphQLNamedType, depth: number): string {
    const r = this.random;
    if (isUnionType(type)) return `{ __typename ${type.getTypes().map((t) => `... on ${t.name} ${this.selection(t, depth + 1)}`).join(' ')} }`;
    if (!isObjectType(type) && !isInterfaceType(type)) return '';
    const fields = Object.values(type.getFields());
    const chosen = fields.filter(() => r.chance(depth >= 3 ? 0.2 : 0.5)).slice(0, 12);
    const parts = chosen
      .filter((f) => {
        const named = getNamedType(f.type);
        return depth < 4 || isScalarType(named) || isEnumType(named);
      })
      .map((f) => {
        const args = f.args.filter(() => r.chance(0.5)).map((a) => `${a.name}: ${this.literal(a.type, 0)}`);
        return `${f.name}${args.length > 0 ? `(${args.join(', ')})` : ''} ${this.selection(getNamedType(f.type), depth + 1)}`;
      });
    return `{ __typename ${parts.join(' ')} }`;
  }

  /** A JSON value for an input type; now and then a wrong one. */
  private inputValue(type: GraphQLInputType, depth: number): unknown {
    const r = this.random;
    if (r.chance(0.05) || depth > 4) return this.oddValue(1);
    const nullable: GraphQLInputType = getNullableType(type);
    if (!isNonNullType(type) && r.chance(0.1)) return null;
    if (isListType(nullable)) return Array.from({ length: r.chance(0.05) ? r.int(0, 2000) : r.int(0, 4) }, () => this.inputValue(nullable.ofType, depth + 1));
    if (isInputObjectType(nullable)) {
      const value: Record<string, unknown> = {};
      for (const f of Object.values(nullable.getFields())) if (isNonNullType(f.type) || r.chance(0.5)) value[f.name] = this.inputValue(f.type, depth + 1);
      return value;
    }
    if (isEnumType(nullable)) return r.chance(0.9) ? r.pick(nullable.getValues()).name : r.pick(ODD_STRINGS);
    switch ((nullable as GraphQLNamedType).name) {
      case 'Int':
        return r.chance(0.7) ? r.int(-5, 200) : r.pick(ODD_NUMBERS);
      case 'Float':
        return r.pick(ODD_NUMBERS);
      case 'Boolean':
        return r.chance(0.5);
      case 'JSON':
        return this.oddValue(3);
      case 'DateTime':
        return r.pick(['2026-01-01T00:00:00.000Z', 'yesterday', '', '9999-99-99', 0]);
      default:
        return r.chance(0.5) ? r.pick(ODD_STRINGS) : this.word();
    }
  }

  /** A GraphQL literal for an input type (variables serialised as literals), now and then a wrong one. */
  private literal(type: GraphQLInputType, depth: number): string {
    const value = this.inputValue(type, depth);
    const nullable = getNullableType(type);
    return toLiteral(value, isEnumType(nullable) && typeof value === 'string' && /^[A-Za-z_]\w*$/.test(value));
  }

  /** Variables with values replaced, dropped or added. */
  private mutateVariables(variables: unknown): unknown {
    const r = this.random;
    if (typeof variables !== 'object' || variables === null || r.chance(0.2)) return this.oddValue(3);
    const out: Record<string, unknown> = { ...(variables as Record<string, unknown>) };
    for (const key of Object.keys(out)) {
      if (r.chance(0.5)) out[key] = this.oddValue(3);
      else if (r.chance(0.2)) delete out[key];
    }
    if (r.chance(0.3)) out[this.word()] = this.oddValue(2);
    return out;
  }

  /** Any JSON value: huge numbers, odd strings, deep or long arrays and objects. */
  oddValue(depth: number): unknown {
    const r = this.random;
    switch (depth <= 0 ? r.int(0, 3) : r.int(0, 6)) {
      case 0:
        return r.pick(ODD_NUMBERS);
      case 1:
        return r.pick(ODD_STRINGS);
      case 2:
        return r.pick([true, false, null]);
      case 3:
        return this.word();
      case 4:
        return Array.from({ length: r.int(0, 6) }, () => this.oddValue(depth - 1));
      case 5: {
        const value: Record<string, unknown> = {};
        for (let i = r.int(0, 5); i > 0; i--) value[r.chance(0.8) ? this.word() : r.pick(ODD_STRINGS)] = this.oddValue(depth - 1);
        return value;
      }
      default: {
        let value: unknown = r.pick(ODD_NUMBERS);
        for (let i = r.int(10, 300); i > 0; i--) value = r.chance(0.5) ? [value] : { a: value };
        return value;
      }
    }
  }

  /** A document with characters deleted, inserted or replaced, or lines shuffled. */
  mutate(text: string): string {
    const r = this.random;
    let out = text;
    for (let i = r.int(1, 6); i > 0; i--) {
      const at = r.int(0, out.length);
      switch (r.int(0, 3)) {
        case 0:
          out = out.slice(0, at) + out.slice(at + r.int(1, 10));
          break;
        case 1:
          out = out.slice(0, at) + r.pick(TOKENS) + out.slice(at);
          break;
        case 2:
          out = out.slice(0, at) + String.fromCodePoint(r.pick([r.int(0, 0x7f), r.int(0x80, 0xffff), r.int(0x10000, 0x10ffff)])).replace(/[\uD800-\uDFFF]/g, '?') + out.slice(at + 1);
          break;
        default: {
          const lines = out.split('\n');
          out = lines.sort(() => r.next() - 0.5).join('\n');
        }
      }
    }
    return out;
  }

  private word(): string {
    const r = this.random;
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.';
    return Array.from({ length: r.int(1, 24) }, () => alphabet[r.int(0, alphabet.length - 1)]).join('');
  }
}

/** A JSON value as a GraphQL literal (`enumLike`: a bare name). */
function toLiteral(value: unknown, enumLike = false): string {
  if (enumLike) return value as string;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => toLiteral(v)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => /^[A-Za-z_]\w*$/.test(k));
  return `{ ${entries.map(([k, v]) => `${k}: ${toLiteral(v)}`).join(', ')} }`;
}
