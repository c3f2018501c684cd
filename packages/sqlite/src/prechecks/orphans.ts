import { findTable, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';
import { failIfAny } from './sample.js';

const q = sqlite.quoteIdentifier;

/**
 * `checkOrphans` refuses a new foreign key while rows point at parents that do not exist (a
 * required relation added to a table with rows, whose back-fill matches no parent, is the usual
 * case): otherwise the migration would only fail at the final foreign key check, without saying
 * which rows.
 */
export function checkOrphans(executor: SqliteExecutor, operation: SchemaOperation, before: SchemaSnapshot): void {
  if (operation.kind !== 'addForeignKey') return;
  const table = findTable(before, operation.table);
  const fk = operation.foreignKey;
  if (!table || !findTable(before, fk.referencedTable)) return;
  const set = fk.columns.map((c) => `${q(c)} IS NOT NULL`).join(' AND ');
  const match = fk.columns.map((c, i) => `p.${q(fk.referencedColumns[i]!)} = ${q(table.name)}.${q(c)}`).join(' AND ');
  failIfAny(executor, table, `${set} AND NOT EXISTS (SELECT 1 FROM ${q(fk.referencedTable)} AS p WHERE ${match})`, fk.columns,
    'foreign key', `${operation.table}.${fk.name} → ${fk.referencedTable}`,
    `point these rows at existing ${fk.referencedTable} rows (or delete them) before adding the key; a back-filled column needs a backfill value that names a real parent`);
}
