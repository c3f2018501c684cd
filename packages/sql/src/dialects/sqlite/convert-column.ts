import { valueType } from '@tidemark/core';
import type { ColumnSnapshot, PortableType } from '@tidemark/core';
import { FALSE_SPELLINGS, TRUE_SPELLINGS } from '../../boolean-spellings.js';
import { quoteIdentifier, renderLiteral } from './quote.js';

const list = (values: readonly string[]): string => values.map((v) => renderLiteral(v)).join(', ');

const TEXTUAL: readonly PortableType[] = ['string', 'text', 'uuid', 'enum', 'date', 'timestamp', 'json'];
const NUMERIC: readonly PortableType[] = ['i32', 'i64', 'f64', 'decimal'];

/**
 * `convertColumn` returns the expression, over the old table's `from` column, that fills the
 * rebuilt table's `to` column during an alterColumn. NULL stays NULL. A value that cannot be
 * converted is left for the new column's CHECK to reject, never silently replaced; the
 * narrowing prechecks catch the usual cases first with a clearer message.
 */
export function convertColumn(from: ColumnSnapshot, to: ColumnSnapshot): string {
  const c = quoteIdentifier(from.name);
  if (from.type === to.type) return c;
  switch (to.type) {
    case 'i32': case 'i64':
      return from.type === 'i32' || from.type === 'i64' || from.type === 'boolean' ? c : `CAST(${c} AS INTEGER)`;
    case 'f64':
      return `CAST(${c} AS REAL)`;
    case 'decimal':
      return `CAST(${c} AS NUMERIC)`;
    case 'boolean':
      if (NUMERIC.includes(valueType(from))) return `CASE WHEN ${c} IS NULL THEN NULL WHEN ${c} <> 0 THEN 1 ELSE 0 END`;
      // Anything but the usual spellings stays as it is, so the 0/1 CHECK rejects it.
      return `CASE WHEN lower(${c}) IN (${list(TRUE_SPELLINGS)}) THEN 1 WHEN lower(${c}) IN (${list(FALSE_SPELLINGS)}) THEN 0 ELSE ${c} END`;
    case 'bytes':
      return `CAST(${c} AS BLOB)`;
    default:
      if (from.type === 'boolean') return `CASE ${c} WHEN 1 THEN 'true' WHEN 0 THEN 'false' END`;
      return TEXTUAL.includes(valueType(from)) ? c : `CAST(${c} AS TEXT)`;
  }
}
