import type { Row } from '../data/data-value.js';
import type { Where } from '../data/where.js';
import type { CheckSnapshot, ColumnSnapshot, ForeignKeySnapshot, IndexSnapshot, TableSnapshot } from '../snapshot/schema-snapshot.js';
import type { BackfillValue } from './backfill-value.js';

/**
 * Operations are frozen, plain, JSON-serializable objects; `kind` is the name of the
 * `MigrationContext` method that records it. They carry what the migration file says;
 * whatever an operation removes is looked up in the schema state before it (see `invertOperations`).
 */

/** `CreateTable` creates a table with its key, indexes and foreign keys. */
export interface CreateTable { readonly kind: 'createTable'; readonly table: TableSnapshot }
/** `DropTable` drops a table and its data. */
export interface DropTable { readonly kind: 'dropTable'; readonly table: string }
/** `RenameTable` renames a table, keeping its rows. */
export interface RenameTable { readonly kind: 'renameTable'; readonly from: string; readonly to: string }
/**
 * `AddColumn` adds a column. `backfill` is the value existing rows get when the column is
 * NOT NULL without a default; it is not kept as a default.
 */
export interface AddColumn {
  readonly kind: 'addColumn'; readonly table: string; readonly column: ColumnSnapshot;
  readonly backfill?: BackfillValue;
}
/** `DropColumn` drops a column and its values. */
export interface DropColumn { readonly kind: 'dropColumn'; readonly table: string; readonly column: string }
/** `AlterColumn` changes one column's type, nullability, default or length to `to`. */
export interface AlterColumn { readonly kind: 'alterColumn'; readonly table: string; readonly column: string; readonly to: ColumnSnapshot }
/** `RenameColumn` renames a column, keeping its values. */
export interface RenameColumn { readonly kind: 'renameColumn'; readonly table: string; readonly from: string; readonly to: string }
/** `AlterPrimaryKey` replaces a table's key columns. */
export interface AlterPrimaryKey { readonly kind: 'alterPrimaryKey'; readonly table: string; readonly columns: readonly string[] }
/**
 * `CreateIndex` creates an index (unique or not). `concurrently` asks PostgreSQL to build it
 * without blocking writes (CREATE INDEX CONCURRENTLY), which only works in a migration that runs
 * outside a transaction (`transaction: false`); other backends build it as usual.
 */
export interface CreateIndex {
  readonly kind: 'createIndex'; readonly table: string; readonly index: IndexSnapshot;
  readonly concurrently?: boolean;
}
/** `DropIndex` drops an index by name. */
export interface DropIndex { readonly kind: 'dropIndex'; readonly table: string; readonly index: string }
/** `AddForeignKey` adds a foreign key constraint. */
export interface AddForeignKey { readonly kind: 'addForeignKey'; readonly table: string; readonly foreignKey: ForeignKeySnapshot }
/** `DropForeignKey` drops a foreign key constraint by name. */
export interface DropForeignKey { readonly kind: 'dropForeignKey'; readonly table: string; readonly foreignKey: string }

/** `AddCheck` adds a CHECK constraint; rows that break it are counted and refused before it is added. */
export interface AddCheck { readonly kind: 'addCheck'; readonly table: string; readonly check: CheckSnapshot }
/** `DropCheck` drops a CHECK constraint by name. */
export interface DropCheck { readonly kind: 'dropCheck'; readonly table: string; readonly check: string }

/** `NativeStatement` is SQL text, a MongoDB command document or a DynamoDB command input. */
export type NativeStatement = string | { readonly [key: string]: unknown };
/** `Execute` runs a native statement the schema model does not see (data changes, hand-written DDL). */
export interface Execute { readonly kind: 'execute'; readonly statement: NativeStatement }

/** `Insert` adds rows (documents, items); values are converted per column type by the backend. */
export interface Insert {
  readonly kind: 'insert'; readonly table: string; readonly rows: readonly Row[];
  /** Leave out the rows whose key is already there (seeds: running them again inserts nothing twice). */
  readonly skipExisting?: boolean;
}
/** `Update` sets columns on every row matching the portable condition `where`. */
export interface Update { readonly kind: 'update'; readonly table: string; readonly set: Row; readonly where: Where }
/** `BackfillValues` is what a back-fill writes: the same values on every row, or values computed from each row (`undefined`: leave it). */
export type BackfillValues = Row | ((row: Row) => Row | undefined);
/**
 * `Backfill` writes `values` into every row matching `where`, in batches of `batchSize` in key
 * order, pausing `pauseMs` between batches. A row already holding the values it would get is
 * not written, so a back-fill run again after a crash only touches the rows still to do.
 * (Not JSON-serializable when `values` is a function.)
 */
export interface Backfill {
  readonly kind: 'backfill'; readonly table: string; readonly values: BackfillValues;
  readonly where: Where; readonly batchSize: number; readonly pauseMs: number;
}

/** `DataChange` is every operation that changes rows and not the schema. */
export type DataChange = Insert | Update | Backfill;

/** `SchemaOperation` is every operation that changes the schema model. */
export type SchemaOperation =
  | CreateTable | DropTable | RenameTable
  | AddColumn | DropColumn | AlterColumn | RenameColumn | AlterPrimaryKey
  | CreateIndex | DropIndex | AddForeignKey | DropForeignKey | AddCheck | DropCheck;

/** `Operation` is anything a migration can record. */
export type Operation = SchemaOperation | Execute | DataChange;

/** `isDataChange` is true for insert, update and backfill. */
export function isDataChange(operation: Operation): operation is DataChange {
  return operation.kind === 'insert' || operation.kind === 'update' || operation.kind === 'backfill';
}

/** `isDataStep` is true for the steps that read or write rows: a native statement or a data change. */
export function isDataStep(operation: Operation): operation is Execute | DataChange {
  return operation.kind === 'execute' || operation.kind === 'insert' || operation.kind === 'update' || operation.kind === 'backfill';
}

/** `OperationKind` is the `kind` of an operation, which is also its `MigrationContext` method. */
export type OperationKind = Operation['kind'];

/** `assertNever` makes a `switch (op.kind)` exhaustive: a new kind breaks the build until handled. */
export function assertNever(value: never): never {
  throw new Error(`unhandled operation ${JSON.stringify(value)}`);
}
