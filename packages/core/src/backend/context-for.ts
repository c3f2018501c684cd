import type { DataResult, Row } from '../data/data-value.js';
import type { Where } from '../data/where.js';
import { op, type AddColumnOptions, type BackfillOptions, type CreateIndexOptions, type InsertOptions } from '../operation/op.js';
import type { BackfillValues, DataChange, NativeStatement, SchemaOperation } from '../operation/operations.js';
import type { CheckSpec, ColumnDefinition, ColumnSpec, ForeignKeySpec, IndexSpec, TableSpec } from '../operation/specs.js';
import type { Dialect } from './capabilities.js';
import type { MigrationContext } from './migration-context.js';

/** `OperationSink` receives each operation a migration makes, in order. */
export interface OperationSink {
  readonly dialect: Dialect;
  apply(operation: SchemaOperation): Promise<void>;
  execute(statement: NativeStatement): Promise<unknown>;
  data(change: DataChange): Promise<DataResult>;
}

/**
 * `contextFor` builds the `MigrationContext` a migration file calls: each method is a one-line
 * wrapper that builds the operation and hands it to `sink`.
 */
export function contextFor(sink: OperationSink): MigrationContext {
  return {
    dialect: sink.dialect,
    createTable: (table: TableSpec) => sink.apply(op.createTable(table)),
    dropTable: (table: string) => sink.apply(op.dropTable(table)),
    renameTable: (from: string, to: string) => sink.apply(op.renameTable(from, to)),
    addColumn: (table: string, column: ColumnSpec, options?: AddColumnOptions) => sink.apply(op.addColumn(table, column, options)),
    dropColumn: (table: string, column: string) => sink.apply(op.dropColumn(table, column)),
    alterColumn: (table: string, column: string, to: ColumnDefinition) => sink.apply(op.alterColumn(table, column, to)),
    renameColumn: (table: string, from: string, to: string) => sink.apply(op.renameColumn(table, from, to)),
    alterPrimaryKey: (table: string, columns: readonly string[]) => sink.apply(op.alterPrimaryKey(table, columns)),
    createIndex: (table: string, index: IndexSpec, options?: CreateIndexOptions) => sink.apply(op.createIndex(table, index, options)),
    dropIndex: (table: string, index: string) => sink.apply(op.dropIndex(table, index)),
    addCheck: (table: string, check: CheckSpec) => sink.apply(op.addCheck(table, check)),
    dropCheck: (table: string, check: string) => sink.apply(op.dropCheck(table, check)),
    addForeignKey: (table: string, foreignKey: ForeignKeySpec) => sink.apply(op.addForeignKey(table, foreignKey)),
    dropForeignKey: (table: string, foreignKey: string) => sink.apply(op.dropForeignKey(table, foreignKey)),
    execute: (statement: NativeStatement) => sink.execute(statement),
    insert: (table: string, rows: readonly Row[], options?: InsertOptions) => sink.data(op.insert(table, rows, options)),
    update: (table: string, set: Row, where: Where) => sink.data(op.update(table, set, where)),
    backfill: (table: string, values: BackfillValues, options?: BackfillOptions) => sink.data(op.backfill(table, values, options)),
  };
}
