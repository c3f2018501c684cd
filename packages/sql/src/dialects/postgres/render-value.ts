import { isDefaultNow, type ColumnDefault, type ColumnSnapshot, type PortableType } from '@tidemark/core';
import { renderColumnType } from './column-type.js';
import { renderLiteral } from './quote.js';

/**
 * Types whose literal PostgreSQL would store in its own canonical spelling (a timestamp in the
 * session's zone, jsonb with spaces, bytea in hex): their defaults are written as text cast to
 * the type, so the default reads back exactly as the model wrote it.
 */
const NORMALISED: ReadonlySet<PortableType> = new Set(['uuid', 'date', 'timestamp', 'json', 'bytes']);

/**
 * `renderDefault` renders a column default that must read back as it was written:
 * `{ fn: 'now' }` is CURRENT_DATE for a date column and CURRENT_TIMESTAMP otherwise; a string
 * for a type PostgreSQL normalises is written `('…'::text)::<type>` (see NORMALISED).
 * @example renderDefault({ name: 'at', type: 'timestamp', nullable: false }, '1970-01-01T00:00:00.000Z')
 * // "('1970-01-01T00:00:00.000Z'::text)::timestamptz"
 */
export function renderDefault(column: ColumnSnapshot, value: ColumnDefault): string {
  if (isDefaultNow(value)) return column.type === 'date' ? 'CURRENT_DATE' : 'CURRENT_TIMESTAMP';
  if (typeof value === 'string' && NORMALISED.has(column.type)) return `(${renderLiteral(value)}::text)::${renderColumnType(column)}`;
  return renderLiteral(value);
}
