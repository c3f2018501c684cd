import type * as O from './operations.js';
import type { Where } from '../data/where.js';
import type { BackfillValue } from './backfill-value.js';
import {
  toColumnSnapshot, toForeignKeySnapshot, toIndexSnapshot, toTableSnapshot,
  type CheckSpec, type ColumnDefinition, type ColumnSpec, type ForeignKeySpec, type IndexSpec, type TableSpec,
} from './specs.js';

const freeze = <T>(value: T): T => deepFreeze(value);

function deepFreeze<T>(value: T): T {
  // typed arrays (bytes in a data step) cannot be frozen
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Options of `addColumn`. */
export interface AddColumnOptions {
  /** The value existing rows get when the column is NOT NULL without a default. */
  readonly backfill?: BackfillValue;
}

/** Options of `createIndex`. */
export interface CreateIndexOptions {
  /** PostgreSQL: build without blocking writes; the migration must set `transaction: false`. */
  readonly concurrently?: boolean;
}

/**
 * A copy of a condition's plain objects and lists (the operation is frozen; the migration's own
 * objects stay as they were); dates, bytes and other values are kept as they are.
 */
function structuredWhere<T>(value: T): T {
  if (Array.isArray(value)) return value.map(structuredWhere) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredWhere(v)])) as T;
  }
  return value;
}

/** Rows per batch of a back-fill when the migration does not say. */
export const DEFAULT_BATCH_SIZE = 1000;

/** Options of `insert`. */
export interface InsertOptions {
  /** Leave out the rows whose key is already in the table (each row must then name its key). */
  readonly skipExisting?: boolean;
}

/** Options of `backfill`. */
export interface BackfillOptions {
  /** Only rows matching this condition (default: every row). */
  readonly where?: Where;
  /** Rows read and written per batch (default 1000): each batch is one short write. */
  readonly batchSize?: number;
  /** Pause between batches, to leave room for the application's own traffic (default 0). */
  readonly pauseMs?: number;
}

/**
 * `op` builds operations: one factory per kind, each filling defaults and returning a frozen
 * plain object.
 * @example op.addColumn('users', { name: 'email', type: 'string', nullable: true })
 */
export const op = {
  createTable: (table: TableSpec, model = ''): O.CreateTable => freeze({ kind: 'createTable', table: toTableSnapshot(table, model) }),
  dropTable: (table: string): O.DropTable => freeze({ kind: 'dropTable', table }),
  renameTable: (from: string, to: string): O.RenameTable => freeze({ kind: 'renameTable', from, to }),
  addColumn: (table: string, column: ColumnSpec, options: AddColumnOptions = {}): O.AddColumn =>
    freeze({
      kind: 'addColumn', table, column: toColumnSnapshot(column),
      ...(options.backfill !== undefined ? { backfill: options.backfill } : {}),
    }),
  dropColumn: (table: string, column: string): O.DropColumn => freeze({ kind: 'dropColumn', table, column }),
  alterColumn: (table: string, column: string, to: ColumnDefinition): O.AlterColumn =>
    freeze({ kind: 'alterColumn', table, column, to: toColumnSnapshot({ ...to, name: column }) }),
  renameColumn: (table: string, from: string, to: string): O.RenameColumn => freeze({ kind: 'renameColumn', table, from, to }),
  alterPrimaryKey: (table: string, columns: readonly string[]): O.AlterPrimaryKey =>
    freeze({ kind: 'alterPrimaryKey', table, columns: [...columns] }),
  createIndex: (table: string, index: IndexSpec, options?: CreateIndexOptions): O.CreateIndex =>
    freeze({ kind: 'createIndex', table, index: toIndexSnapshot(index), ...(options?.concurrently ? { concurrently: true } : {}) }),
  dropIndex: (table: string, index: string): O.DropIndex => freeze({ kind: 'dropIndex', table, index }),
  addForeignKey: (table: string, foreignKey: ForeignKeySpec): O.AddForeignKey =>
    freeze({ kind: 'addForeignKey', table, foreignKey: toForeignKeySnapshot(foreignKey) }),
  dropForeignKey: (table: string, foreignKey: string): O.DropForeignKey => freeze({ kind: 'dropForeignKey', table, foreignKey }),
  addCheck: (table: string, check: CheckSpec): O.AddCheck => freeze({ kind: 'addCheck', table, check: { name: check.name, expression: check.expression.trim() } }),
  dropCheck: (table: string, check: string): O.DropCheck => freeze({ kind: 'dropCheck', table, check }),
  execute: (statement: O.NativeStatement): O.Execute => freeze({ kind: 'execute', statement }),
  insert: (table: string, rows: O.Insert['rows'], options: InsertOptions = {}): O.Insert =>
    freeze({ kind: 'insert', table, rows: rows.map((r) => ({ ...r })), ...(options.skipExisting ? { skipExisting: true } : {}) }),
  update: (table: string, set: O.Update['set'], where: O.Update['where']): O.Update => freeze({ kind: 'update', table, set: { ...set }, where: structuredWhere(where) }),
  backfill: (table: string, values: O.BackfillValues, options: BackfillOptions = {}): O.Backfill => freeze({
    kind: 'backfill', table, values, where: options.where ?? {},
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE, pauseMs: options.pauseMs ?? 0,
  }),
} as const;

