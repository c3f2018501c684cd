import type { IndexOptionFields } from './index-options.js';
import type { ColumnType, ElementType } from './portable-type.js';

/** `DefaultNow` is the "current timestamp" column default (`Default.now` in a model). */
export interface DefaultNow {
  readonly fn: 'now';
}

/** `ScalarDefault` is a literal default of one value. */
export type ScalarDefault = string | number | boolean;

/** `ColumnDefault` is a literal default, the current timestamp, or (array columns) a list of literals. */
export type ColumnDefault = ScalarDefault | DefaultNow | readonly ScalarDefault[];

/** `isDefaultNow` tells whether a default is the current timestamp. */
export function isDefaultNow(value: unknown): value is DefaultNow {
  return typeof value === 'object' && value !== null && (value as DefaultNow).fn === 'now';
}

/** `isListDefault` tells whether a default is a list (an array column's). */
export function isListDefault(value: unknown): value is readonly ScalarDefault[] {
  return Array.isArray(value);
}

/** `ColumnSnapshot` describes one column. Optional fields are absent when they do not apply. */
export interface ColumnSnapshot {
  readonly name: string;
  readonly type: ColumnType;
  /** `array` only: the type of each element; `length`, `precision`, `scale` and `values` describe the elements. */
  readonly items?: ElementType;
  readonly nullable: boolean;
  readonly default?: ColumnDefault;
  /** Auto-increment integer key. */
  readonly autoIncrement?: boolean;
  /** `string` only: maximum length. */
  readonly length?: number;
  /** `decimal` only. */
  readonly precision?: number;
  readonly scale?: number;
  /** `enum` only: allowed values, in declaration order. */
  readonly values?: readonly string[];
}

/**
 * `IndexSnapshot` describes one index; `unique` indexes also back `@Unique()`. The optional
 * `expression`, `using`, `where` and `keyOptions` come from `IndexOptionFields` (index-options.ts).
 */
export interface IndexSnapshot extends IndexOptionFields {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  /**
   * A unique index the application keeps unique (`@Unique({ enforced: 'application' })`), for
   * backends that cannot enforce uniqueness (DynamoDB). Backends that can still enforce it.
   */
  readonly applicationEnforced?: true;
}

/** `ReferentialAction` is what a foreign key does when its target row changes. */
export type ReferentialAction = 'cascade' | 'restrict' | 'set null' | 'no action';

/** `ForeignKeySnapshot` describes one foreign key constraint. */
export interface ForeignKeySnapshot {
  readonly name: string;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
}

/** `CheckSnapshot` is a named CHECK constraint (`@Check(name, expression)`): SQL over the table's column names. */
export interface CheckSnapshot {
  readonly name: string;
  readonly expression: string;
}

/** `TableSnapshot` describes one table (a collection on MongoDB, a table on DynamoDB). */
export interface TableSnapshot {
  readonly name: string;
  /** The model class name; used in messages only and ignored when comparing with a live database. */
  readonly model: string;
  /** Declaration order. */
  readonly columns: readonly ColumnSnapshot[];
  /** Key columns in order; DynamoDB reads [partition, sort?]. */
  readonly primaryKey: readonly string[];
  /** Sorted by name. */
  readonly indexes: readonly IndexSnapshot[];
  /** Sorted by name. */
  readonly foreignKeys: readonly ForeignKeySnapshot[];
  /** `@Check` constraints, sorted by name; absent when there are none (snapshots from before them read unchanged). */
  readonly checks?: readonly CheckSnapshot[];
}

/** `SNAPSHOT_FORMAT` and `SNAPSHOT_VERSION` identify the snapshot file format. */
export const SNAPSHOT_FORMAT = 'tidemark.snapshot';
export const SNAPSHOT_VERSION = 2;

/** `SchemaSnapshot` is the whole schema Tidemark manages, as stored in `migrations/.schema.json`. */
export interface SchemaSnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  /** Sorted by name. */
  readonly tables: readonly TableSnapshot[];
}

/** `emptySnapshot` returns the schema before the first migration. */
export function emptySnapshot(): SchemaSnapshot {
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, tables: [] };
}

/** `findTable` returns the table called `name`, if any. */
export function findTable(snapshot: SchemaSnapshot, name: string): TableSnapshot | undefined {
  return snapshot.tables.find((t) => t.name === name);
}

/** `findColumn` returns the column called `name`, if any. */
export function findColumn(table: TableSnapshot, name: string): ColumnSnapshot | undefined {
  return table.columns.find((c) => c.name === name);
}
