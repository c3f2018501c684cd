import { findColumn, findTable, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';
import { failIfAny } from './sample.js';

/**
 * `checkNotNull` refuses to make a column NOT NULL while rows hold NULL in it: an alterColumn to
 * NOT NULL, or an addColumn NOT NULL with neither default nor back-fill on a table with rows.
 */
export function checkNotNull(executor: SqliteExecutor, operation: SchemaOperation, before: SchemaSnapshot): void {
  if (operation.kind === 'alterColumn') {
    const table = findTable(before, operation.table);
    const from = table && findColumn(table, operation.column);
    if (!table || !from || !from.nullable || operation.to.nullable) return;
    failIfAny(executor, table, `${sqlite.quoteIdentifier(operation.column)} IS NULL`, [operation.column], 'not null',
      `${operation.table}.${operation.column}`, `fill the NULLs first (db.execute('UPDATE … SET … WHERE … IS NULL')) or keep the column nullable`);
  }
  if (operation.kind === 'addColumn') {
    const c = operation.column;
    const table = findTable(before, operation.table);
    if (!table || c.nullable || c.default !== undefined || c.autoIncrement || operation.backfill !== undefined) return;
    failIfAny(executor, table, '1', [], 'not null', `${operation.table}.${c.name}`,
      'give the column a default, or pass { backfill } to addColumn for the existing rows');
  }
}
