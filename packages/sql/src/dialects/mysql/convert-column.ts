import { valueType } from '@tidemark/core';
import type { ColumnSnapshot, PortableType } from '@tidemark/core';
import { FALSE_SPELLINGS, TRUE_SPELLINGS } from '../../boolean-spellings.js';
import { quoteIdentifier, renderLiteral } from './quote.js';

/** Types MySQL stores as numbers; TINYINT(1) booleans are numbers too. */
export const NUMBER_TYPES: readonly PortableType[] = ['i32', 'i64', 'f64', 'decimal', 'boolean'];

/** A plain decimal number, as text MySQL converts to DOUBLE or DECIMAL (spaces and an exponent allowed). */
export const NUMBER_PATTERN = '^[[:space:]]*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?[[:space:]]*$';

/** A date, optionally with a time, as text MySQL and MariaDB convert to DATE and DATETIME. */
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?$';

const list = (values: readonly string[]): string => values.map((v) => renderLiteral(v)).join(', ');

/**
 * `textOf` is a SQL expression giving the column's values as the text a conversion to a
 * text-like type produces: booleans as 'true'/'false' (see renderAlterColumn), binary as UTF-8,
 * everything else as MySQL casts it. The session's collation is utf8mb4_bin, so comparisons with
 * it are exact.
 */
export function textOf(from: ColumnSnapshot): string {
  const c = quoteIdentifier(from.name);
  if (from.type === 'boolean') return `(CASE ${c} WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE CAST(${c} AS CHAR) END)`;
  if (from.type === 'bytes') return `CONVERT(${c} USING utf8mb4)`;
  return `CAST(${c} AS CHAR)`;
}

/**
 * `convertedValue` is a SQL expression giving a column's values as they will read after the
 * type change (see renderAlterColumn), for the duplicate check of a unique index or key:
 * several spellings of true become 1, '5' and '05' become 5, '2024-01-01' and
 * '2024-01-01 00:00' the same date. Values the conversion refuses stay as they are; their own
 * precheck reports them.
 */
export function convertedValue(from: ColumnSnapshot, to: ColumnSnapshot): string {
  const c = quoteIdentifier(from.name);
  if (from.type === to.type) return c;
  const text = textOf(from);
  const isNumber = NUMBER_TYPES.includes(valueType(from));
  switch (to.type) {
    case 'boolean':
      if (isNumber) return `(CASE WHEN ${c} <> 0 THEN 1 ELSE 0 END)`;
      return `(CASE WHEN LOWER(${text}) IN (${list(TRUE_SPELLINGS)}) THEN '1' WHEN LOWER(${text}) IN (${list(FALSE_SPELLINGS)}) THEN '0' ELSE ${text} END)`;
    case 'i32': case 'i64': case 'f64': case 'decimal':
      if (isNumber) return c;
      return `(CASE WHEN ${text} REGEXP ${renderLiteral(NUMBER_PATTERN)} THEN CAST(CAST(TRIM(${text}) AS DECIMAL(65,30)) AS CHAR) ELSE ${text} END)`;
    case 'date': case 'timestamp': {
      const cast = to.type === 'date' ? 'DATE' : 'DATETIME(3)';
      if (from.type === 'date' || from.type === 'timestamp') return `CAST(${c} AS ${cast})`;
      return `(CASE WHEN ${text} REGEXP ${renderLiteral(DATE_PATTERN)} THEN CAST(CAST(${text} AS ${cast}) AS CHAR) ELSE ${text} END)`;
    }
    case 'bytes':
      return c;
    default:
      return text;
  }
}
