import type { AddColumnOptions, CreateIndexOptions } from '../operation/op.js';
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
   * command. While a migration is being recorded (dry run, checks) it is collected, not run,
   * and returns `undefined`.
   */
  execute(statement: NativeStatement): Promise<unknown>;
}
