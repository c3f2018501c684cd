import { canonicalNumberPattern, type ColumnSnapshot, type PortableType, valueType } from '@tidemark/core';
import type { CheckPredicates } from '../../prechecks/check-predicates.js';
import { NUMBER_TYPES, renderColumnType, TEXT_TYPES } from './column-type.js';
import { convertedValue, textForm } from './convert-column.js';
import { quoteIdentifier, renderLiteral } from './quote.js';

// How PostgreSQL spells the shared prechecks (packages/sql/src/prechecks). No condition may fail
// on the data: a failed statement would abort the migration's transaction, so conversions are
// guarded with CASE and regular expressions. The expressions use POSIX classes, not backslashes,
// so they read the same whatever `standard_conforming_strings` says.

/**
 * `NUMERIC_TEXT` matches text PostgreSQL's numeric input reads as a finite number ('12', ' 7 ',
 * '-1.5e3', '.5'); 'NaN' and 'Infinity', which it also reads, fit no integer or numeric(p,s).
 */
export const NUMERIC_TEXT = `'^[[:space:]]*[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,4})?[[:space:]]*$'`;

/**
 * `UTF8_HEX` matches the lowercase hex (`encode(b, 'hex')`) of well-formed UTF-8 without NUL,
 * byte pair by byte pair (https://www.unicode.org/versions/Unicode15.0.0/ch03.pdf, table 3-7):
 * what `convert_from(b, 'UTF8')` accepts.
 */
export const UTF8_HEX = `'^(${[
  '0[1-9a-f]', '[1-7][0-9a-f]',
  'c[2-9a-f][89ab][0-9a-f]', 'd[0-9a-f][89ab][0-9a-f]',
  'e0[ab][0-9a-f][89ab][0-9a-f]', 'e[1-9a-cef][89ab][0-9a-f][89ab][0-9a-f]', 'ed[89][0-9a-f][89ab][0-9a-f]',
  'f0[9ab][0-9a-f][89ab][0-9a-f][89ab][0-9a-f]', 'f[1-3][89ab][0-9a-f][89ab][0-9a-f][89ab][0-9a-f]', 'f4[89][0-9a-f][89ab][0-9a-f][89ab][0-9a-f]',
].join('|')})*$'`;

/**
 * `PARSES_FUNCTION` creates `pg_temp.tidemark_parses(value, type)`: whether PostgreSQL's own input
 * function for `type` accepts `value`. Only the server knows exactly which dates, timestamps,
 * uuids and JSON documents it reads, and PostgreSQL 15 has no pg_input_is_valid (16+), so the
 * check tries the cast in a sub-transaction. The function lives in the session's temporary
 * schema: it touches nothing of the user's, and goes with the session (or the rolled-back
 * transaction that created it, so it is created again whenever a check needs it).
 */
export const PARSES_FUNCTION = `CREATE OR REPLACE FUNCTION pg_temp.tidemark_parses(value text, type_name text) RETURNS boolean
LANGUAGE plpgsql AS $tidemark$
BEGIN
  EXECUTE 'SELECT $1::' || type_name USING value;
  RETURN true;
EXCEPTION WHEN others THEN
  RETURN false;
END
$tidemark$`;

/** The PostgreSQL type a value is parsed as when the conversion goes through text (see `usingExpression`). */
function parsedAs(from: PortableType, to: PortableType): string | undefined {
  switch (to) {
    case 'uuid': return 'uuid';
    case 'date': return from === 'timestamp' ? undefined : 'date';
    case 'timestamp': return from === 'date' ? undefined : 'timestamptz';
    // other types become the JSON scalar for their value (to_jsonb), which always works
    case 'json': return TEXT_TYPES.has(from) ? 'jsonb' : undefined;
    default: return undefined;
  }
}

const readsAsNumber = (column: ColumnSnapshot): string => `(${textForm(column)} ~ ${NUMERIC_TEXT})`;

/** `checkPredicates` are PostgreSQL's spellings of the shared prechecks. */
export const checkPredicates: CheckPredicates = {
  quote: quoteIdentifier,
  literal: renderLiteral,
  text: textForm,
  readsAsNumber,
  isCanonicalNumber(column, type) {
    const pattern = canonicalNumberPattern(type);
    return pattern === undefined ? 'true' : `(${textForm(column)} ~ '${pattern}')`;
  },
  number(column) {
    const c = quoteIdentifier(column.name);
    if (column.type === 'boolean') return `${c}::integer::numeric`;
    if (NUMBER_TYPES.has(valueType(column))) return `${c}::numeric`;
    // numeric where the text reads as one, NULL elsewhere: never an error
    return `(CASE WHEN ${readsAsNumber(column)} THEN (${textForm(column)})::numeric END)`;
  },
  charLength: (text) => `char_length(${text})`,
  converted: convertedValue,
  sized: (column) => column,
  parses(from, to) {
    const type = parsedAs(valueType(from), valueType(to));
    return type === undefined ? undefined : `pg_temp.tidemark_parses(${textForm(from)}, '${type}')`;
  },
  parsesSetup: [PARSES_FUNCTION],
  decodes: (column) => `(encode(${quoteIdentifier(column.name)}, 'hex') ~ ${UTF8_HEX})`,
  rowId: { select: 'ctid::text AS ctid', order: 'ctid' },
  fixes: {
    numberText: (table, column, to) => `db.execute("UPDATE ${table} SET ${column} = trim(${column})::${renderColumnType(to)}::text WHERE …")`,
    round: (table, column, scale) => `db.execute('UPDATE ${table} SET ${column} = round(${column}::numeric, ${scale})')`,
  },
};
