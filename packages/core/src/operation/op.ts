import type * as O from './operations.js';
import type { BackfillValue } from './backfill-value.js';
import {
  toColumnSnapshot, toForeignKeySnapshot, toIndexSnapshot, toTableSnapshot,
  type ColumnDefinition, type ColumnSpec, type ForeignKeySpec, type IndexSpec, type TableSpec,
} from './specs.js';

const freeze = <T>(value: T): T => deepFreeze(value);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
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
  execute: (statement: O.NativeStatement): O.Execute => freeze({ kind: 'execute', statement }),
} as const;

