import type { ColumnSnapshot } from '@tidemark/core';
import type { SqlDataDialect } from '../../data/sql-data-dialect.js';
import { fromSqlValue, toSqlValue, type SqlValueStyle } from '../../data/sql-values.js';
import { renderColumnType } from './column-type.js';
import { quoteIdentifier } from './quote.js';

const style: SqlValueStyle = { booleans: 'text', timestampText: (instant) => instant.toISOString() };

/**
 * `postgresData`: parameters are typed by their column where PostgreSQL cannot infer it (the
 * VALUES list of a batch update would otherwise be text), booleans as 'true'/'false'.
 */
export const postgresData: SqlDataDialect = {
  placeholder: (index) => `$${index}`,
  toSqlValue: (column, value) => toSqlValue(style, column, value),
  fromSqlValue,
  renderBatchUpdate(table: string, key: readonly ColumnSnapshot[], set: readonly ColumnSnapshot[], rows: number): string {
    const columns = [...key, ...set];
    let n = 0;
    const tuples = Array.from({ length: rows }, () => `(${columns.map((c) => `$${++n}::${renderColumnType(c)}`).join(', ')})`);
    const t = quoteIdentifier(table);
    const names = columns.map((c) => quoteIdentifier(c.name)).join(', ');
    const assignments = set.map((c) => `${quoteIdentifier(c.name)} = v.${quoteIdentifier(c.name)}`).join(', ');
    const match = key.map((c) => `${t}.${quoteIdentifier(c.name)} = v.${quoteIdentifier(c.name)}`).join(' AND ');
    return `UPDATE ${t} SET ${assignments} FROM (VALUES ${tuples.join(', ')}) AS v(${names}) WHERE ${match}`;
  },
};
