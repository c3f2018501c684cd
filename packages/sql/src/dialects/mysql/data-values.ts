import type { ColumnSnapshot } from '@tidemark/core';
import type { SqlDataDialect } from '../../data/sql-data-dialect.js';
import { fromSqlValue, toSqlValue, type SqlValueStyle } from '../../data/sql-values.js';
import { quoteIdentifier, toDatetimeText } from './quote.js';

const style: SqlValueStyle = { booleans: 'integer', timestampText: (instant) => toDatetimeText(instant.toISOString()) };

/**
 * `mysqlData`: booleans as 1/0 (TINYINT(1)), timestamps as DATETIME text in UTC; a batch update
 * joins a derived table of UNION ALL rows (MariaDB has no `VALUES ROW(…)`).
 */
export const mysqlData: SqlDataDialect = {
  placeholder: () => '?',
  toSqlValue: (column, value) => toSqlValue(style, column, value),
  fromSqlValue,
  renderBatchUpdate(table: string, key: readonly ColumnSnapshot[], set: readonly ColumnSnapshot[], rows: number): string {
    const columns = [...key, ...set];
    const first = `SELECT ${columns.map((c) => `? AS ${quoteIdentifier(c.name)}`).join(', ')}`;
    const rest = `SELECT ${columns.map(() => '?').join(', ')}`;
    const derived = [first, ...Array.from({ length: rows - 1 }, () => rest)].join(' UNION ALL ');
    const t = quoteIdentifier(table);
    const match = key.map((c) => `${t}.${quoteIdentifier(c.name)} = v.${quoteIdentifier(c.name)}`).join(' AND ');
    const assignments = set.map((c) => `${t}.${quoteIdentifier(c.name)} = v.${quoteIdentifier(c.name)}`).join(', ');
    return `UPDATE ${t} JOIN (${derived}) AS v ON ${match} SET ${assignments}`;
  },
};
