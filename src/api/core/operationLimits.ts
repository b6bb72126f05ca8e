import {
  getArgumentValues,
  GraphQLError,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputObjectType,
  isListType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { LimitReason, limitExceeded } from '../errors/limitExceeded.ts';

/** Options of {@link OperationLimits}; see `ApiLimitsConfig` and `Config.limits` for the variables. */
export interface OperationLimitsOptions {
  schema: GraphQLSchema;
  /** Highest estimated cost an operation may have. */
  maxCost: number;
  /** Largest `first`/`last` argument. */
  maxPageSize: number;
  /** Items assumed for a list field that has no `first`/`last` argument. */
  costListSize: number;
  /** Items a list argument may hold unless its definition says otherwise with `@maxItems(n:)`. */
  maxListItems: number;
}

/** Arguments that size a page: their value multiplies the cost of what the field selects. */
const PAGE_ARGUMENTS = ['first', 'last'] as const;

/** Thrown inside the walk to stop it at the first limit exceeded. */
class Refused {
  constructor(readonly error: GraphQLError) {}
}

/**
 * The limits an operation is checked against once its variables are known, before it runs, over every
 * transport: page sizes (`first`/`last`), list sizes of arguments (filters included, at any depth of
 * input objects), and an estimated cost that grows with page sizes and nested lists:
 *
 * - every field selected costs 1, times the number of items its parents may return;
 * - a field with `first`/`last` multiplies what it selects by its page size (the argument, else its
 *   default in the schema, else `costListSize`); lists right under it (`nodes`, `edges`) are that page;
 * - any other list field multiplies what it selects by `costListSize`;
 * - introspection (`__schema`, `__type`) is free: it is switched off in production instead.
 */
export class OperationLimits {
  private readonly listCaps = new WeakMap<GraphQLArgument | GraphQLInputField, number>();

  constructor(private readonly options: OperationLimitsOptions) {}

  /** The first limit `operation` exceeds with `variables` (already coerced), if any. */
  check(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): GraphQLError | undefined {
    const outcome = this.walk(document, operation, variables, this.options.maxCost);
    return outcome instanceof GraphQLError ? outcome : undefined;
  }

  /** The estimated cost of `operation` with `variables` (already coerced), or the page or list limit it exceeds. */
  cost(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number | GraphQLError {
    return this.walk(document, operation, variables, Number.POSITIVE_INFINITY) ?? 0;
  }

  private walk(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, maxCost: number): number | GraphQLError | undefined {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const root = this.options.schema.getRootType(operation.operation);
    if (root === undefined || root === null) return undefined;
    const walk = new CostWalk(this, this.options.schema, fragments, variables, maxCost);
    try {
      walk.selectionSet(operation.selectionSet, root, 1, false);
    } catch (error) {
      if (error instanceof Refused) return error.error;
      // An argument that does not coerce: execution reports it to the client as it always does.
      if (error instanceof GraphQLError) return undefined;
      throw error;
    }
    return walk.total;
  }

  /** @internal Refuses a running cost past `maxCost` (the configured maximum when checking). */
  charge(total: number, maxCost: number): void {
    if (total > maxCost) {
      throw new Refused(
        limitExceeded(LimitReason.Cost, this.options.maxCost, `the operation's estimated cost is over ${this.options.maxCost}: ask for smaller pages (first/last) or fewer nested lists`),
      );
    }
  }

  /** @internal The multiplier a field applies to its selection, and whether it is a paged field. */
  factorOf(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, parentPaged: boolean): { factor: number; paged: boolean } {
    for (const name of PAGE_ARGUMENTS) {
      const definition = field.args.find((a) => a.name === name);
      if (definition === undefined) continue;
      const value = args[name];
      if (typeof value === 'number') {
        if (value > this.options.maxPageSize) {
          throw new Refused(limitExceeded(LimitReason.PageSize, this.options.maxPageSize, `${name} is ${value} on "${field.name}"; at most ${this.options.maxPageSize}`));
        }
        return { factor: Math.max(1, value), paged: true };
      }
    }
    if (field.args.some((a) => (PAGE_ARGUMENTS as readonly string[]).includes(a.name))) return { factor: this.options.costListSize, paged: true };
    if (isListType(getNullableType(field.type)) && !parentPaged) return { factor: this.options.costListSize, paged: false };
    return { factor: 1, paged: false };
  }

  /** @internal Refuses a list longer than its cap anywhere in an argument's value. */
  checkLists(value: unknown, type: GraphQLInputType, cap: number, where: string): void {
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      if (!Array.isArray(value)) return;
      if (value.length > cap) {
        throw new Refused(limitExceeded(LimitReason.ListSize, cap, `${where} holds ${value.length} items; at most ${cap}`));
      }
      for (const item of value) this.checkLists(item, nullable.ofType, this.options.maxListItems, where);
      return;
    }
    if (isInputObjectType(nullable) && typeof value === 'object' && value !== null) {
      for (const field of Object.values(nullable.getFields())) {
        const item = (value as Record<string, unknown>)[field.name];
        if (item !== undefined && item !== null) this.checkLists(item, field.type, this.capOf(field), `${where}.${field.name}`);
      }
    }
  }

  /** @internal The cap of a list argument or input field: its `@maxItems(n:)`, else the server's. */
  capOf(definition: GraphQLArgument | GraphQLInputField): number {
    let cap = this.listCaps.get(definition);
    if (cap === undefined) {
      const directive = definition.astNode?.directives?.find((d) => d.name.value === 'maxItems');
      const n = directive?.arguments?.find((a) => a.name.value === 'n')?.value;
      cap = n?.kind === Kind.INT ? Number(n.value) : this.options.maxListItems;
      this.listCaps.set(definition, cap);
    }
    return cap;
  }
}

/** One walk over an operation's selections, fragments inlined, accumulating the cost. */
class CostWalk {
  total = 0;

  constructor(
    private readonly limits: OperationLimits,
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly maxCost: number,
  ) {}

  selectionSet(selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, multiplier: number, parentPaged: boolean): void {
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          this.field(selection, parentType, multiplier, parentPaged);
          break;
        case Kind.INLINE_FRAGMENT: {
          const type = selection.typeCondition === undefined ? parentType : this.compositeType(selection.typeCondition.name.value);
          if (type !== undefined) this.selectionSet(selection.selectionSet, type, multiplier, parentPaged);
          break;
        }
        case Kind.FRAGMENT_SPREAD: {
          const fragment = this.fragments.get(selection.name.value);
          const type = fragment === undefined ? undefined : this.compositeType(fragment.typeCondition.name.value);
          if (fragment !== undefined && type !== undefined) this.selectionSet(fragment.selectionSet, type, multiplier, parentPaged);
          break;
        }
      }
    }
  }

  private field(node: FieldNode, parentType: GraphQLCompositeType, multiplier: number, parentPaged: boolean): void {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') return;
    this.total += multiplier;
    this.limits.charge(this.total, this.maxCost);
    if (name === '__typename' || !('getFields' in parentType)) return;
    const field = parentType.getFields()[name];
    if (field === undefined) return;
    const args = getArgumentValues(field, node, this.variables);
    for (const argument of field.args) {
      const value = args[argument.name];
      if (value !== undefined && value !== null) this.limits.checkLists(value, argument.type, this.limits.capOf(argument), `argument "${argument.name}" of "${field.name}"`);
    }
    const { factor, paged } = this.limits.factorOf(field, args, parentPaged);
    const type = getNamedType(field.type);
    if (node.selectionSet !== undefined && isCompositeType(type)) this.selectionSet(node.selectionSet, type, multiplier * factor, paged);
  }

  private compositeType(name: string): GraphQLCompositeType | undefined {
    const type = this.schema.getType(name);
    return type !== undefined && type !== null && isCompositeType(type) ? type : undefined;
  }
}
