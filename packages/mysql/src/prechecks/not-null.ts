import { findColumn, findTable, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';
import { quoteIdentifier } from '@tidemark/sql/mysql';
import type { MysqlExecutor } from '../executor.js';
import { failIfAny } from './sample.js';

/**
 * `checkNotNull` refuses to make a column NOT NULL while rows hold NULL in it: an alterColumn to
 * NOT NULL, or an addColumn NOT NULL with neither default nor back-fill on a table with rows
 * (MySQL would quietly fill such a column with 0 or '' instead).
 */
export async function checkNotNull(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  if (operation.kind === 'alterColumn') {
    const table = findTable(before, operation.table);
    const from = table && findColumn(table, operation.column);
    if (!table || !from || !from.nullable || operation.to.nullable) return;
    await failIfAny(executor, table, `${quoteIdentifier(operation.column)} IS NULL`, [operation.column], 'not null',
      `${operation.table}.${operation.column}`, `fill the NULLs first (db.execute('UPDATE … SET … WHERE … IS NULL')) or keep the column nullable`);
  }
  if (operation.kind === 'addColumn') {
    const c = operation.column;
    const table = findTable(before, operation.table);
    if (!table || c.nullable || c.default !== undefined || c.autoIncrement || operation.backfill !== undefined) return;
    await failIfAny(executor, table, '1', [], 'not null', `${operation.table}.${c.name}`,
      'give the column a default, or pass { backfill } to addColumn for the existing rows');
  }
}
