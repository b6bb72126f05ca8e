import type { CreateIndexesOptions, IndexSpecification } from 'mongodb';

/** One index of a collection, as its owner declares it. */
export interface IndexSpec {
  key: IndexSpecification;
  /** Always named; plain indexes only (no partial, TTL or sparse: they must work on FerretDB and DocumentDB). */
  options: CreateIndexesOptions & { name: string };
}

/** A collection as the store that owns it declares it: its name and the indexes its queries rely on. */
export interface CollectionSpec {
  name: string;
  indexes: readonly IndexSpec[];
}
