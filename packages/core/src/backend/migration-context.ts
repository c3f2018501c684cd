import type { DataResult, Row } from '../data/data-value.js';
import type { Where } from '../data/where.js';
import type { AddColumnOptions, BackfillOptions, CreateIndexOptions, InsertOptions } from '../operation/op.js';
import type { BackfillValues } from '../operation/operations.js';
import type { NativeStatement } from '../operation/operations.js';
import type { CheckSpec, ColumnDefinition, ColumnSpec, ForeignKeySpec, IndexSpec, TableSpec } from '../operation/specs.js';
import type { Dialect } from './capabilities.js';

/**
 * `MigrationContext` is what a migration's `up` and `down` call. Every backend offers the same
 * methods, so one migration file runs on SQLite, PostgreSQL, MySQL, MongoDB and DynamoDB.
 * Each method records or applies exactly one operation of the same name.
 */
export interface MigrationContext {
  /** The backend this run targets; for the rare hand-written branch, not for generated code. */
  readonly dialect: Dialect;
  createTable(table: TableSpec): Promise<void>;
  dropTable(table: string): Promise<void>;
  renameTable(from: string, to: string): Promise<void>;
  addColumn(table: string, column: ColumnSpec, options?: AddColumnOptions): Promise<void>;
  dropColumn(table: string, column: string): Promise<void>;
  alterColumn(table: string, column: string, to: ColumnDefinition): Promise<void>;
  renameColumn(table: string, from: string, to: string): Promise<void>;
  alterPrimaryKey(table: string, columns: readonly string[]): Promise<void>;
  createIndex(table: string, index: IndexSpec, options?: CreateIndexOptions): Promise<void>;
  dropIndex(table: string, index: string): Promise<void>;
  /** Adds a CHECK constraint (SQL backends); rows that break it are counted and refused first. */
  addCheck(table: string, check: CheckSpec): Promise<void>;
  dropCheck(table: string, check: string): Promise<void>;
  addForeignKey(table: string, foreignKey: ForeignKeySpec): Promise<void>;
  dropForeignKey(table: string, foreignKey: string): Promise<void>;
  /**
   * `execute` runs a native statement: SQL text, a MongoDB command document or a DynamoDB
   * command, and returns its rows (or the driver's result).
   *
   * Data steps (`execute`, `insert`, `update`, `backfill`) run only in the live run. While a
   * migration is being recorded (dry run, status, checks: docs/architecture.md, "Recording"),
   * they are collected and return a recording: using it (iterating rows, reading `.rows`) ends
   * the recording there, so code that depends on data never runs without a database.
   */
  execute(statement: NativeStatement): Promise<unknown>;
  /**
   * `insert` adds rows (documents, items), converting each value per its column's type; with
   * `skipExisting`, rows whose key is already there are left out (`rows` in the result counts
   * the rows written).
   */
  insert(table: string, rows: readonly Row[], options?: InsertOptions): Promise<DataResult>;
  /** `update` sets `set` on every row matching `where` (`{}`: every row); see `Where`. */
  update(table: string, set: Row, where: Where): Promise<DataResult>;
  /**
   * `backfill` writes `values` (or `values(row)`) into every row, in batches in key order, with
   * progress; run again after a crash it only writes the rows still to do.
   */
  backfill(table: string, values: BackfillValues, options?: BackfillOptions): Promise<DataResult>;
}
