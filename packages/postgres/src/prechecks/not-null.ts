import { findColumn, findTable, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';
import type { SqlExecutor } from '@tidemark/sql';
import { quoteIdentifier as q } from '@tidemark/sql/postgres';
import { failIfAny } from './sample.js';

/**
 * `checkNotNull` refuses to make columns NOT NULL while rows hold NULL in them: an alterColumn to
 * NOT NULL (or to an identity column), an addColumn NOT NULL with neither default nor back-fill
 * on a table with rows, and an alterPrimaryKey over columns holding NULLs (a key is NOT NULL).
 */
export async function checkNotNull(executor: SqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  if (operation.kind === 'alterColumn') {
    const table = findTable(before, operation.table);
    const from = table && findColumn(table, operation.column);
    const notNull = !operation.to.nullable || operation.to.autoIncrement;
    if (!table || !from || !from.nullable || !notNull) return;
    await failIfAny(executor, table, `${q(operation.column)} IS NULL`, [operation.column], 'not null',
      `${operation.table}.${operation.column}`, `fill the NULLs first (db.execute('UPDATE … SET … WHERE … IS NULL')) or keep the column nullable`);
  }
  if (operation.kind === 'addColumn') {
    const c = operation.column;
    const table = findTable(before, operation.table);
    if (!table || c.nullable || c.default !== undefined || c.autoIncrement || operation.backfill !== undefined) return;
    await failIfAny(executor, table, 'true', [], 'not null', `${operation.table}.${c.name}`,
      'give the column a default, or pass { backfill } to addColumn for the existing rows');
  }
  if (operation.kind === 'alterPrimaryKey' && operation.columns.length > 0) {
    const table = findTable(before, operation.table);
    if (!table) return;
    await failIfAny(executor, table, operation.columns.map((c) => `${q(c)} IS NULL`).join(' OR '), operation.columns, 'not null',
      `${operation.table} (${operation.columns.join(', ')})`, 'key columns cannot hold NULL: fill those rows first, or choose other key columns');
  }
}
