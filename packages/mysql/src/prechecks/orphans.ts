import { findTable, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';
import { quoteIdentifier } from '@tidemark/sql/mysql';
import type { MysqlExecutor } from '../executor.js';
import { failIfAny } from './sample.js';

const q = quoteIdentifier;

/**
 * `checkOrphans` refuses a new foreign key while rows point at parents that do not exist (a
 * required relation added to a table with rows, whose back-fill matches no parent, is the usual
 * case): InnoDB would refuse the constraint without saying which rows.
 */
export async function checkOrphans(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  if (operation.kind !== 'addForeignKey') return;
  const table = findTable(before, operation.table);
  const fk = operation.foreignKey;
  if (!table || !findTable(before, fk.referencedTable)) return;
  const set = fk.columns.map((c) => `${q(c)} IS NOT NULL`).join(' AND ');
  const match = fk.columns.map((c, i) => `p.${q(fk.referencedColumns[i]!)} = ${q(table.name)}.${q(c)}`).join(' AND ');
  await failIfAny(executor, table, `${set} AND NOT EXISTS (SELECT 1 FROM ${q(fk.referencedTable)} AS p WHERE ${match})`, fk.columns,
    'foreign key', `${operation.table}.${fk.name} → ${fk.referencedTable}`,
    `point these rows at existing ${fk.referencedTable} rows (or delete them) before adding the key; a back-filled column needs a backfill value that names a real parent`);
}
