import type { PortableType, SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import { alteredColumn as sharedAlteredColumn, type AlteredColumn as SharedAlteredColumn } from '@tidemark/sql';
import { FALSE_SPELLINGS, TRUE_SPELLINGS } from '../dialect/alter-column.js';
import { renderLiteral } from '../dialect/literal.js';
import { quoteIdentifier } from '../dialect/names.js';

/** `AlteredColumn` is the shared one plus the column, quoted, for SQL. */
export interface AlteredColumn extends SharedAlteredColumn {
  readonly sql: string;
}

/**
 * `alteredColumn` returns the column an alterColumn changes, or undefined for other operations.
 * The operation and schema are in MySQL's (shortened) names.
 */
export function alteredColumn(operation: SchemaOperation, before: SchemaSnapshot): AlteredColumn | undefined {
  const altered = sharedAlteredColumn(operation, before);
  return altered && { ...altered, sql: quoteIdentifier(altered.from.name) };
}

/** `NUMBER_TYPES` are stored as numbers (booleans as TINYINT(1) 1/0). */
export const NUMBER_TYPES: readonly PortableType[] = ['i32', 'i64', 'f64', 'decimal', 'boolean'];

/**
 * `textOf` is a SQL expression giving the column's values as the text a conversion to a
 * text-like type produces: booleans as 'true'/'false' (see renderAlterColumn), binary as UTF-8,
 * everything else as MySQL casts it. The session's collation is utf8mb4_bin, so comparisons with
 * it are exact.
 */
export function textOf(a: Pick<AlteredColumn, 'from' | 'sql'>): string {
  const c = a.sql;
  if (a.from.type === 'boolean') return `(CASE ${c} WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE CAST(${c} AS CHAR) END)`;
  if (a.from.type === 'bytes') return `CONVERT(${c} USING utf8mb4)`;
  return `CAST(${c} AS CHAR)`;
}

const list = (values: readonly string[]): string => values.map((v) => renderLiteral(v)).join(', ');

/** `BOOLEAN_SPELLINGS` is the SQL list of every text a conversion to boolean understands. */
export const BOOLEAN_SPELLINGS = list([...TRUE_SPELLINGS, ...FALSE_SPELLINGS]);
/** `TRUE_LIST` is the SQL list of the texts that convert to true. */
export const TRUE_LIST = list(TRUE_SPELLINGS);

/** A plain decimal number, as text MySQL converts to DOUBLE or DECIMAL (spaces and an exponent allowed). */
export const NUMBER_PATTERN = '^[[:space:]]*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?[[:space:]]*$';
