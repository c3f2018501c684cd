import type { AttributeDefinition, CreateTableCommandInput, GlobalSecondaryIndex } from '@aws-sdk/client-dynamodb';
import type { ColumnDefault, ColumnSnapshot, IndexSnapshot, TableSnapshot } from '@tidemark/core';

/** `Rewrite` is what a pass over every item of a table does to each one. */
export type Rewrite =
  /** Sets the column where an item lacks it (a back-fill or a new column's default). */
  | { readonly kind: 'fill'; readonly column: ColumnSnapshot; readonly value: ColumnDefault }
  /** Moves the value of `from` to `to`. */
  | { readonly kind: 'rename'; readonly from: string; readonly to: string }
  /** Removes the column's value. */
  | { readonly kind: 'remove'; readonly column: string }
  /** Stores the column's value as the changed column `to` holds it (see convertValue). */
  | { readonly kind: 'convert'; readonly column: ColumnSnapshot };

/** `Check` is a data precheck: it reads items and fails with counts and samples, changing nothing. */
export type Check =
  /** No item may lack the column (it becomes NOT NULL). */
  | { readonly kind: 'notNull'; readonly column: string }
  /** The table must be empty (a NOT NULL column arrives with no value to give existing items). */
  | { readonly kind: 'noItems'; readonly column: string }
  /**
   * Every value must convert to `to`; key values must not change; an indexed column's values
   * must stay indexable (not empty); unique indexes must stay unique.
   */
  | { readonly kind: 'convert'; readonly from: ColumnSnapshot; readonly to: ColumnSnapshot; readonly indexed: boolean; readonly uniques: readonly IndexSnapshot[] }
  /** No two items may share the values of an application-enforced unique index. */
  | { readonly kind: 'unique'; readonly index: IndexSnapshot }
  /** Every value of the index's columns must be one DynamoDB can index: the declared S/N/B type, never empty. */
  | { readonly kind: 'indexKeys'; readonly index: IndexSnapshot };

/**
 * `Step` is one thing an operation does on DynamoDB. An operation becomes a list of steps
 * (`planOperation`): checks first, then changes, then Tidemark's metadata. The same list is run
 * (`runSteps`) and printed for --dry-run (`renderStep`), so what is shown is what runs.
 */
export type Step =
  | { readonly kind: 'check'; readonly table: TableSnapshot; readonly check: Check }
  /** CreateTable, then wait until the table and its indexes are ACTIVE. */
  | { readonly kind: 'createTable'; readonly input: CreateTableCommandInput }
  /** DeleteTable, then wait until it is gone. */
  | { readonly kind: 'deleteTable'; readonly table: string }
  /** UpdateTable with one index to create, then wait until it is ACTIVE (AWS builds one at a time). */
  | { readonly kind: 'createIndex'; readonly table: string; readonly attributeDefinitions: readonly AttributeDefinition[]; readonly index: GlobalSecondaryIndex }
  /** UpdateTable with one index to delete, then wait until it is gone. */
  | { readonly kind: 'deleteIndex'; readonly table: string; readonly index: string }
  /** A pass over every item: Scan page by page, a conditional UpdateItem per item, progress reported. */
  | { readonly kind: 'rewrite'; readonly table: string; readonly key: readonly string[]; readonly rewrite: Rewrite }
  /** Copies every item of `from` into `to`, 25 at a time. */
  | { readonly kind: 'copy'; readonly from: string; readonly to: string }
  /** Writes Tidemark's metadata of a table (see schema-store.ts). */
  | { readonly kind: 'saveMetadata'; readonly table: TableSnapshot }
  | { readonly kind: 'deleteMetadata'; readonly table: string };
