import type { ColumnSnapshot, PortableType } from '@tidemark/core';
import type { CheckPredicates } from '../../prechecks/check-predicates.js';
import { isCanonicalNumberSql, isNumberTextSql } from './canonical-number.js';
import { convertColumn } from './convert-column.js';
import { quoteIdentifier, renderLiteral } from './quote.js';

// How SQLite spells the shared prechecks (packages/sql/src/prechecks). A SQLite column holds
// whatever was stored in it (https://www.sqlite.org/datatype3.html), so conditions look at each
// value's own type (`typeof`), not only at the column's.

/**
 * `readsAsNumber` is true when the value is a number, or text that reads as one the way
 * PostgreSQL and MySQL read it (see `isNumberTextSql`).
 */
function readsAsNumber(column: ColumnSnapshot): string {
  const c = quoteIdentifier(column.name);
  return `(CASE WHEN typeof(${c}) IN ('integer', 'real') THEN 1 WHEN typeof(${c}) = 'text' THEN ${isNumberTextSql(c)} ELSE 0 END)`;
}

/** `isCanonicalNumber` is true for numbers, and for text written as core's narrowing rule wants for `type`. */
function isCanonicalNumber(column: ColumnSnapshot, type: PortableType): string {
  const c = quoteIdentifier(column.name);
  return `(typeof(${c}) IN ('integer', 'real') OR (typeof(${c}) = 'text' AND ${isCanonicalNumberSql(c, type)}))`;
}

/** `text` is the value as the text the rebuild's conversion gives (see `convertColumn`). */
function text(column: ColumnSnapshot): string {
  const c = quoteIdentifier(column.name);
  if (column.type === 'boolean') return `(CASE ${c} WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE CAST(${c} AS TEXT) END)`;
  return `CAST(${c} AS TEXT)`;
}

/** `checkPredicates` are SQLite's spellings of the shared prechecks. */
export const checkPredicates: CheckPredicates = {
  quote: quoteIdentifier,
  literal: renderLiteral,
  text,
  readsAsNumber,
  isCanonicalNumber,
  number: (column) => `CAST(${quoteIdentifier(column.name)} AS REAL)`,
  charLength: (t) => `length(${t})`,
  converted: convertColumn,
  sized: (column) => column,
  rowId: { select: 'rowid', order: 'rowid' },
  fixes: {
    numberText: (table, column, to) =>
      `db.execute("UPDATE ${table} SET ${column} = CAST(CAST(${column} AS ${to.type === 'decimal' ? 'REAL' : 'INTEGER'}) AS TEXT) WHERE …")`,
    round: (table, column, scale) => `db.execute('UPDATE ${table} SET ${column} = round(${column}, ${scale})')`,
  },
};
