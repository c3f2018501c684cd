import { findColumn, findTable } from '@tidemark/core';
import type { CheckQuery } from './check-query.js';
import type { SqlCheck } from './sql-check.js';

/**
 * `notNull` refuses to make columns NOT NULL while rows hold NULL in them: an alterColumn to
 * NOT NULL (or to an auto-increment column), an addColumn NOT NULL with neither default nor
 * back-fill on a table with rows (MySQL would fill it with 0 or ''), and an alterPrimaryKey over
 * columns holding NULLs (a key is NOT NULL).
 */
export const notNull: SqlCheck = {
  name: 'not null',
  queries(operation, before, p): CheckQuery[] {
    if (operation.kind !== 'alterColumn' && operation.kind !== 'addColumn' && operation.kind !== 'alterPrimaryKey') return [];
    const table = findTable(before, operation.table);
    if (!table) return [];
    if (operation.kind === 'alterColumn') {
      const from = findColumn(table, operation.column);
      if (!from?.nullable || (operation.to.nullable && !operation.to.autoIncrement)) return [];
      return [{ kind: 'rows', check: 'not null', table, where: `${p.quote(operation.column)} IS NULL`, columns: [operation.column],
        target: `${operation.table}.${operation.column}`,
        hint: `fill the NULLs first (db.execute('UPDATE … SET … WHERE … IS NULL')) or keep the column nullable` }];
    }
    if (operation.kind === 'addColumn') {
      const c = operation.column;
      if (c.nullable || c.default !== undefined || c.autoIncrement || operation.backfill !== undefined) return [];
      return [{ kind: 'rows', check: 'not null', table, where: '1 = 1', columns: [], target: `${operation.table}.${c.name}`,
        hint: 'give the column a default, or pass { backfill } to addColumn for the existing rows' }];
    }
    if (operation.columns.length > 0) {
      return [{ kind: 'rows', check: 'not null', table, where: operation.columns.map((c) => `${p.quote(c)} IS NULL`).join(' OR '),
        columns: operation.columns, target: `${operation.table} (${operation.columns.join(', ')})`,
        hint: 'key columns cannot hold NULL: fill those rows first, or choose other key columns' }];
    }
    return [];
  },
};
