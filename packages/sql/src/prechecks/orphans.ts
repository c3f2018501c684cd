import { findTable } from '@tidemark/core';
import type { SqlCheck } from './sql-check.js';

/**
 * `orphans` refuses a new foreign key while rows point at parents that do not exist, naming them
 * (a required relation added to a table with rows, whose back-fill matches no parent, is the usual
 * case): the database would refuse the constraint without saying which rows. Rows with a NULL in
 * the key are not checked, as every SQL backend does (MATCH SIMPLE).
 */
export const orphans: SqlCheck = {
  name: 'foreign key',
  queries(operation, before, p) {
    if (operation.kind !== 'addForeignKey') return [];
    const table = findTable(before, operation.table);
    const fk = operation.foreignKey;
    if (!table || !findTable(before, fk.referencedTable)) return [];
    const q = p.quote;
    const set = fk.columns.map((c) => `${q(table.name)}.${q(c)} IS NOT NULL`).join(' AND ');
    const match = fk.columns.map((c, i) => `p.${q(fk.referencedColumns[i]!)} = ${q(table.name)}.${q(c)}`).join(' AND ');
    return [{ kind: 'rows', check: 'foreign key', table, columns: fk.columns,
      where: `${set} AND NOT EXISTS (SELECT 1 FROM ${q(fk.referencedTable)} AS p WHERE ${match})`,
      target: `${operation.table}.${fk.name} → ${fk.referencedTable}`,
      hint: `point these rows at existing ${fk.referencedTable} rows (or delete them) before adding the key; a back-filled column needs a backfill value that names a real parent` }];
  },
};
