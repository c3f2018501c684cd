import { FALSE_SPELLINGS } from '@tidemark/sql/mysql';
import { renderLiteral } from '@tidemark/sql/mysql';
import { NUMBER_PATTERN, NUMBER_TYPES, TRUE_LIST, textOf, type AlteredColumn } from './altered-column.js';

/** A date, optionally with a time, as text MySQL and MariaDB convert to DATE and DATETIME. */
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?$';

/**
 * `convertedValue` is a SQL expression giving a column's values as they will read after the
 * type change (see renderAlterColumn), for the duplicate check of a unique index or key:
 * several spellings of true become 1, '5' and '05' become 5, '2024-01-01' and
 * '2024-01-01 00:00' the same date. Values the conversion refuses stay as they are; their own
 * precheck reports them.
 */
export function convertedValue(a: AlteredColumn): string {
  const c = a.sql;
  if (a.from.type === a.to.type) return c;
  const text = textOf(a);
  const isNumber = NUMBER_TYPES.includes(a.from.type);
  switch (a.to.type) {
    case 'boolean':
      if (isNumber) return `(CASE WHEN ${c} <> 0 THEN 1 ELSE 0 END)`;
      return `(CASE WHEN LOWER(${text}) IN (${TRUE_LIST}) THEN '1' WHEN LOWER(${text}) IN (${FALSE_SPELLINGS.map((v) => renderLiteral(v)).join(', ')}) THEN '0' ELSE ${text} END)`;
    case 'i32': case 'i64': case 'f64': case 'decimal':
      if (isNumber) return c;
      return `(CASE WHEN ${text} REGEXP ${renderLiteral(NUMBER_PATTERN)} THEN CAST(CAST(TRIM(${text}) AS DECIMAL(65,30)) AS CHAR) ELSE ${text} END)`;
    case 'date': case 'timestamp': {
      const cast = a.to.type === 'date' ? 'DATE' : 'DATETIME(3)';
      if (a.from.type === 'date' || a.from.type === 'timestamp') return `CAST(${c} AS ${cast})`;
      return `(CASE WHEN ${text} REGEXP ${renderLiteral(DATE_PATTERN)} THEN CAST(CAST(${text} AS ${cast}) AS CHAR) ELSE ${text} END)`;
    }
    case 'bytes':
      return c;
    default:
      return text;
  }
}
