import { canonicalNumberPattern, DEFAULT_DECIMAL, DEFAULT_STRING_LENGTH, type ColumnSnapshot, valueType } from '@tidemark/core';
import type { CheckPredicates } from '../../prechecks/check-predicates.js';
import { convertedValue, DATE_PATTERN, NUMBER_PATTERN, NUMBER_TYPES, textOf } from './convert-column.js';
import { quoteIdentifier, renderLiteral } from './quote.js';

// How MySQL and MariaDB spell the shared prechecks (packages/sql/src/prechecks). MySQL's DDL
// cannot be rolled back, so a check must stop a change before its first statement; the session's
// strict sql_mode makes the server refuse what slips through rather than truncate it.

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const matches = (text: string, pattern: string): string => `(${text} REGEXP ${renderLiteral(pattern)})`;

/**
 * `sized` is the column as MySQL holds it: it has no VARCHAR without a length nor DECIMAL without
 * a precision, so those get Tidemark's defaults (see column-type.ts).
 */
function sized(column: ColumnSnapshot): ColumnSnapshot {
  if (column.type === 'string') return { ...column, length: column.length ?? DEFAULT_STRING_LENGTH };
  if (column.type !== 'decimal') return column;
  return {
    ...column,
    precision: column.precision ?? DEFAULT_DECIMAL.precision,
    scale: column.scale ?? (column.precision === undefined ? DEFAULT_DECIMAL.scale : 0),
  };
}

/** `checkPredicates` are MySQL's spellings of the shared prechecks. */
export const checkPredicates: CheckPredicates = {
  quote: quoteIdentifier,
  literal: renderLiteral,
  text: textOf,
  readsAsNumber: (column) => matches(textOf(column), NUMBER_PATTERN),
  isCanonicalNumber: (column, type) => matches(textOf(column), canonicalNumberPattern(type) ?? NUMBER_PATTERN),
  number: (column) => (NUMBER_TYPES.includes(valueType(column)) ? quoteIdentifier(column.name) : `CAST(TRIM(${textOf(column)}) AS DECIMAL(65,30))`),
  charLength: (text) => `CHAR_LENGTH(${text})`,
  converted: convertedValue,
  sized,
  parses(from, to) {
    const text = textOf(from);
    switch (to.type) {
      case 'uuid': return matches(text, UUID_PATTERN);
      case 'date': case 'timestamp':
        if (from.type === 'date' || from.type === 'timestamp') return undefined;
        return `(${matches(text, DATE_PATTERN)} AND CAST(${text} AS DATETIME(3)) IS NOT NULL)`;
      case 'json': return `JSON_VALID(${text})`;
      default: return undefined;
    }
  },
  fixes: {
    numberText: (table, column, to) =>
      `db.execute("UPDATE ${table} SET ${column} = CAST(CAST(TRIM(${column}) AS DECIMAL(65,30)) AS ${to.type === 'decimal' ? 'CHAR' : 'SIGNED'}) WHERE …")`,
    round: (table, column, scale) => `db.execute('UPDATE ${table} SET ${column} = ROUND(${column}, ${scale})')`,
  },
};
