import { SalesforceDate } from '../format/salesforceDate.ts';
import { SalesforceId } from '../org/salesforceId.ts';
import type { SObjectCatalog } from '../objects/sobjectCatalog.ts';
import type { RecordTypeSpec } from '../schema/recordTypeSpec.ts';
import type { RecordValues } from '../schema/recordValues.ts';
import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';
import type { GenerationContext } from './generationContext.ts';
import { SeededRandom } from './seededRandom.ts';

/** Everything record generation depends on; the same options give the same records. */
export interface RecordGeneratorOptions {
  readonly catalog: SObjectCatalog;
  readonly seed: number;
  /** Generated records per object name (objects missing here have none). */
  readonly counts: ReadonlyMap<string, number>;
  /** Latest generated timestamp (epoch ms); generated history ends here. */
  readonly anchorMs: number;
  /** Length of the generated history before the anchor, in days. */
  readonly historyDays: number;
  /** Rate (0..1) of tricky text values. */
  readonly trickyRate: number;
  /** Org number used in Ids. */
  readonly orgNumber: number;
  /** The org's login user, generated as User record 0. */
  readonly orgUser: GenerationContext['orgUser'];
  /** The org's record types (RecordType record N is the N-th). Default: none. */
  readonly recordTypes?: readonly RecordTypeSpec[];
}

interface ObjectTraits {
  readonly hasOwner: boolean;
  readonly hasIsDeleted: boolean;
  readonly systemKey: string;
}

/** The context handed to object generators, reused from record to record (generation is synchronous). */
class ReusableContext implements GenerationContext {
  index = 0;
  rng: SeededRandom = new SeededRandom(1, 2, 3, 4);
  readonly anchorMs: number;
  readonly trickyRate: number;
  readonly orgUser: GenerationContext['orgUser'];
  readonly recordTypes: readonly RecordTypeSpec[];
  private readonly generator: RecordGenerator;

  constructor(generator: RecordGenerator, options: RecordGeneratorOptions) {
    this.generator = generator;
    this.anchorMs = options.anchorMs;
    this.trickyRate = options.trickyRate;
    this.orgUser = options.orgUser;
    this.recordTypes = options.recordTypes ?? [];
  }

  related(relation: string, target: string, ofIndex: number, nullRate: number): number | null {
    return this.generator.related(relation, target, ofIndex, nullRate);
  }

  idOf(object: string, index: number): string {
    return this.generator.idOf(object, index);
  }

  recordTypeOf(object: string, ofIndex: number): string | null {
    return this.generator.recordTypeOf(object, ofIndex);
  }
}

/**
 * Computes record N of an object from (seed, object, N) alone, so an org of
 * any size is never held in memory: stored overrides replace generated
 * records, everything else is generated on demand. Generated audit stamps
 * (CreatedDate, LastModifiedDate, SystemModstamp) lie in
 * [`windowStartMs`, `windowEndMs`], whole seconds, CreatedDate growing with N.
 */
export class RecordGenerator {
  /** Earliest generated timestamp (epoch ms). */
  readonly windowStartMs: number;
  /** Latest generated timestamp (epoch ms), the anchor. */
  readonly windowEndMs: number;
  private readonly options: RecordGeneratorOptions;
  private readonly traits = new Map<string, ObjectTraits>();
  private readonly prefixes = new Map<string, string>();
  private readonly userIds: string[] = [];
  /** Sequences of the active record types of each object. */
  private readonly activeRecordTypes = new Map<string, number[]>();
  private readonly context: ReusableContext;

  constructor(options: RecordGeneratorOptions) {
    this.options = options;
    this.windowEndMs = SalesforceDate.truncateToSecond(options.anchorMs);
    this.windowStartMs = this.windowEndMs - options.historyDays * SalesforceDate.dayMs;
    for (const def of options.catalog.all) {
      this.traits.set(def.name, {
        hasOwner: def.fields.some((f) => f.name === 'OwnerId'),
        hasIsDeleted: def.fields.some((f) => f.name === 'IsDeleted'),
        systemKey: `${def.name}#system`,
      });
      if (def.keyPrefix) this.prefixes.set(def.name, def.keyPrefix);
    }
    for (let i = 0; i < this.countOf('User'); i += 1) this.userIds.push(this.idOf('User', i));
    (options.recordTypes ?? []).forEach((spec, sequence) => {
      if (spec.active === false) return;
      this.activeRecordTypes.set(spec.sobjectType, [...(this.activeRecordTypes.get(spec.sobjectType) ?? []), sequence]);
    });
    this.context = new ReusableContext(this, options);
  }

  /** Number of generated records of `objectName`. */
  countOf(objectName: string): number {
    return this.options.counts.get(objectName) ?? 0;
  }

  /** The Id of record `sequence` of `objectName` in this org. */
  idOf(objectName: string, sequence: number): string {
    if (objectName === 'User' && sequence < this.userIds.length) return this.userIds[sequence] as string;
    const prefix = this.prefixes.get(objectName) ?? this.options.catalog.find(objectName)?.keyPrefix;
    if (!prefix) throw new RangeError(`${objectName} has no key prefix`);
    return SalesforceId.encode(prefix, this.options.orgNumber, sequence);
  }

  /** Generated record `index` of `def` with all fields, system fields included. */
  generate(def: SObjectDefinition, index: number): RecordValues {
    const { seed } = this.options;
    const ctx = this.context;
    ctx.index = index;
    ctx.rng = SeededRandom.forRecord(seed, def.name, index);
    const own = def.generate(ctx);
    const traits = this.traits.get(def.name) ?? { hasOwner: false, hasIsDeleted: false, systemKey: `${def.name}#system` };
    const sys = SeededRandom.forRecord(seed, traits.systemKey, index);
    const span = this.windowEndMs - this.windowStartMs;
    const count = Math.max(this.countOf(def.name), 1);
    const createdRaw = this.windowStartMs + ((Math.min(index, count - 1) + sys.next()) / count) * span;
    const created = SalesforceDate.truncateToSecond(Math.min(createdRaw, this.windowEndMs));
    const modified = sys.chance(0.5)
      ? created
      : SalesforceDate.truncateToSecond(created + sys.next() * (this.windowEndMs - created));
    const modstamp = sys.chance(0.1)
      ? Math.min(this.windowEndMs, modified + sys.int(86_400) * 1000)
      : modified;
    const userIndex = def.name === 'User' ? 0 : this.related(`${def.name}.OwnerId`, 'User', index, 0) ?? 0;
    const ownerId = this.idOf('User', userIndex);
    const record: RecordValues = { Id: this.idOf(def.name, index) };
    if (traits.hasIsDeleted) record['IsDeleted'] = false;
    if (traits.hasOwner) record['OwnerId'] = ownerId;
    Object.assign(record, own);
    if (def.autoNumber) record[def.autoNumber.field] = def.autoNumber.format(index);
    record['CreatedDate'] = created;
    record['CreatedById'] = ownerId;
    record['LastModifiedDate'] = modified;
    record['LastModifiedById'] = modified === created ? ownerId : this.idOf('User', sys.int(this.countOf('User') || 1));
    record['SystemModstamp'] = modstamp;
    def.derive?.(record);
    return record;
  }

  /** Stable pick of an active record type (see {@link GenerationContext.recordTypeOf}). */
  recordTypeOf(object: string, ofIndex: number): string | null {
    const sequences = this.activeRecordTypes.get(object);
    if (sequences === undefined || sequences.length === 0) return null;
    return this.idOf('RecordType', sequences[SeededRandom.hash(this.options.seed, `${object}.RecordTypeId`, ofIndex) % sequences.length]!);
  }

  /** Stable pick of a related record index (see {@link GenerationContext.related}). */
  related(relation: string, target: string, ofIndex: number, nullRate: number): number | null {
    const n = this.countOf(target);
    if (n === 0) return null;
    const { seed } = this.options;
    if (nullRate > 0 && SeededRandom.hash(seed ^ 0x5bd1e995, relation, ofIndex) / 0x100000000 < nullRate) return null;
    return SeededRandom.hash(seed, relation, ofIndex) % n;
  }
}
