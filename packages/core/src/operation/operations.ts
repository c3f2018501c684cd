import type { ColumnSnapshot, ForeignKeySnapshot, IndexSnapshot, TableSnapshot } from '../snapshot/schema-snapshot.js';
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

/** `NativeStatement` is SQL text, a MongoDB command document or a DynamoDB command input. */
export type NativeStatement = string | { readonly [key: string]: unknown };
/** `Execute` runs a native statement the schema model does not see (data changes, hand-written DDL). */
export interface Execute { readonly kind: 'execute'; readonly statement: NativeStatement }

/** `SchemaOperation` is every operation that changes the schema model. */
export type SchemaOperation =
  | CreateTable | DropTable | RenameTable
  | AddColumn | DropColumn | AlterColumn | RenameColumn | AlterPrimaryKey
  | CreateIndex | DropIndex | AddForeignKey | DropForeignKey;

/** `Operation` is anything a migration can record. */
export type Operation = SchemaOperation | Execute;

/** `OperationKind` is the `kind` of an operation, which is also its `MigrationContext` method. */
export type OperationKind = Operation['kind'];

/** `assertNever` makes a `switch (op.kind)` exhaustive: a new kind breaks the build until handled. */
export function assertNever(value: never): never {
  throw new Error(`unhandled operation ${JSON.stringify(value)}`);
}
