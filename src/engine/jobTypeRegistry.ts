import { z } from 'zod';
import type { JobTransitionKind, JobType, ResolvedJobType } from './jobType.ts';
import type { JobRecord } from './jobRecord.ts';
import { parseStoredJson } from './jobView.ts';
import { UnknownJobTypeError, InvalidJobInputError } from './errors/index.ts';

const NAME_PATTERN = /^[a-z][a-z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;

/** The job types this process knows, by name. */
export class JobTypeRegistry {
  private readonly types = new Map<string, ResolvedJobType>();

  /** Adds a plugin; its defaults are resolved now. Throws on a duplicate or malformed name. */
  register<I, C, R>(type: JobType<I, C, R>): this {
    if (!NAME_PATTERN.test(type.name)) throw new Error(`job type name "${type.name}" must look like family.action`);
    if (this.types.has(type.name)) throw new Error(`job type "${type.name}" is registered twice`);
    const d = type.defaults ?? {};
    const b = d.backoff ?? {};
    const h = d.hang ?? {};
    const lockLifetimeMs = d.lockLifetimeMs ?? 60_000;
    this.types.set(type.name, {
      ...(type as unknown as JobType),
      visibility: type.visibility ?? 'public',
      resolved: {
        priority: d.priority ?? 0,
        concurrency: d.concurrency ?? 10,
        maxAttempts: d.maxAttempts ?? 3,
        lockLifetimeMs,
        hang: { noProgressMs: h.noProgressMs === undefined ? 30 * 60_000 : h.noProgressMs, heartbeatStallMs: h.heartbeatStallMs ?? Math.floor(lockLifetimeMs / 2), policy: h.policy ?? 'abort' },
        backoff: { delayMs: b.delayMs ?? 1000, factor: b.factor ?? 2, maxDelayMs: b.maxDelayMs ?? 300_000, jitter: b.jitter ?? 0.2 },
      },
    });
    return this;
  }

  /** The type named `name`; throws {@link UnknownJobTypeError}. */
  get(name: string): ResolvedJobType {
    const type = this.types.get(name);
    if (type === undefined) throw new UnknownJobTypeError(`unknown job type "${name}"; known types: ${[...this.types.keys()].join(', ')}`);
    return type;
  }

  /** Every registered type, by name. */
  list(): ResolvedJobType[] {
    return [...this.types.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The types clients may create with `createJob` (visibility `public`), by name. */
  listPublic(): ResolvedJobType[] {
    return this.list().filter((t) => t.visibility === 'public');
  }

  /**
   * Tells a job's type that the engine moved it to `kind` (see `JobType.onTransition`). A hook that
   * fails does not undo the state change: its error is handed to `onError`.
   */
  async transition(kind: JobTransitionKind, doc: JobRecord, onError?: (error: unknown) => void): Promise<void> {
    const type = this.types.get(doc.type);
    if (type?.onTransition === undefined) return;
    try {
      await type.onTransition({ kind, tenantId: doc.tenantId, jobId: doc.id, input: parseStoredJson(doc.input), lastError: doc.lastError });
    } catch (error) {
      onError?.(error);
    }
  }

  /** {@link transition} as a listener for `JobEventPublisher`; a failing hook is reported to `onError`. */
  transitionListener(onError: (error: unknown, kind: JobTransitionKind, doc: JobRecord) => void): (kind: JobTransitionKind, doc: JobRecord) => Promise<void> {
    return (kind, doc) => this.transition(kind, doc, (error) => onError(error, kind, doc));
  }

  /** Validates input for a type; throws {@link InvalidJobInputError} listing every problem. */
  parseInput(name: string, input: unknown): unknown {
    const result = this.get(name).input.safeParse(input ?? {});
    if (result.success) return result.data;
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message }));
    throw new InvalidJobInputError(`input of ${name} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }

  /** JSON Schema of a type's input, for clients. */
  inputJsonSchema(name: string): unknown {
    return z.toJSONSchema(this.get(name).input, { unrepresentable: 'any' });
  }
}
