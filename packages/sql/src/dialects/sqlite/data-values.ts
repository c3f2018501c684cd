import type { ColumnSnapshot } from '@tidemark/core';
import type { SqlDataDialect } from '../../data/sql-data-dialect.js';
import { fromSqlValue, toSqlValue, type SqlValueStyle } from '../../data/sql-values.js';
import { quoteIdentifier } from './quote.js';

const style: SqlValueStyle = { booleans: 'integer', timestampText: (instant) => instant.toISOString() };

/**
 * `sqliteData`: booleans as 0/1, timestamps as ISO text; a batch update joins a VALUES list
 * (SQLite names its columns column1, column2 …; UPDATE … FROM needs SQLite 3.33).
 */
export const sqliteData: SqlDataDialect = {
  placeholder: () => '?',
  toSqlValue: (column, value) => toSqlValue(style, column, value),
  fromSqlValue,
  renderBatchUpdate(table: string, key: readonly ColumnSnapshot[], set: readonly ColumnSnapshot[], rows: number): string {
    const width = key.length + set.length;
    const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    const t = quoteIdentifier(table);
    const assignments = set.map((c, i) => `${quoteIdentifier(c.name)} = v.column${key.length + i + 1}`).join(', ');
    const match = key.map((c, i) => `${t}.${quoteIdentifier(c.name)} = v.column${i + 1}`).join(' AND ');
    return `UPDATE ${t} SET ${assignments} FROM (VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}) AS v WHERE ${match}`;
  },
};
