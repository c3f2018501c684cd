import { valueType } from '@tidemark/core';
import type { ColumnSnapshot } from '@tidemark/core';
import { FALSE_SPELLINGS, TRUE_SPELLINGS } from '../../boolean-spellings.js';
import { NUMBER_TYPES, TEXT_TYPES, renderColumnType } from './column-type.js';
import { quoteIdentifier } from './quote.js';


const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * `textForm` is a column's value as text, the common ground of conversions between unrelated
 * types: text as is, a JSON scalar unquoted (`"abc"` → abc, 5 → 5), bytes decoded as UTF-8,
 * anything else through its output function (booleans read true/false).
 */
export function textForm(from: ColumnSnapshot): string {
  const c = quoteIdentifier(from.name);
  if (TEXT_TYPES.has(valueType(from))) return c;
  if (from.type === 'json') return `(${c} #>> '{}')`;
  if (from.type === 'bytes') return `convert_from(${c}, 'UTF8')`;
  return `${c}::text`;
}

/**
 * `usingExpression` returns the `USING` expression of `ALTER COLUMN … TYPE` that turns a `from`
 * value into a `to` value, or undefined when PostgreSQL's assignment cast already does it
 * (between number types, between text types, a new length or precision).
 * (https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-SET-DATA-TYPE)
 * NULL stays NULL. The expression type-checks on any table, empty or not; a value it cannot
 * convert makes the statement fail, never silently become something else, and the prechecks
 * report such values first with counts and samples.
 */
export function usingExpression(from: ColumnSnapshot, to: ColumnSnapshot): string | undefined {
  if (from.type === to.type) return undefined;
  if (NUMBER_TYPES.has(valueType(from)) && NUMBER_TYPES.has(valueType(to))) return undefined;
  if (TEXT_TYPES.has(valueType(from)) && TEXT_TYPES.has(valueType(to))) return undefined;
  const c = quoteIdentifier(from.name);
  const t = textForm(from);
  switch (to.type) {
    case 'i32': case 'i64': case 'f64': case 'decimal':
      // numeric reads '1e3' and ' 7 '; the assignment cast to the column type then rounds, which
      // the integer-range precheck has ruled out
      return from.type === 'boolean' ? `${c}::integer` : `(${t})::numeric`;
    case 'boolean':
      if (NUMBER_TYPES.has(valueType(from))) return `${c} <> 0`;
      // anything but the usual spellings goes through PostgreSQL's own parser, which fails loudly
      return `CASE WHEN lower(${t}) IN (${list(TRUE_SPELLINGS)}) THEN true WHEN lower(${t}) IN (${list(FALSE_SPELLINGS)}) THEN false ELSE (${t})::boolean END`;
    case 'string': case 'text': case 'enum':
      return t;
    case 'uuid':
      return `(${t})::uuid`;
    case 'date':
      return from.type === 'timestamp' ? `${c}::date` : `(${t})::date`;
    case 'timestamp':
      return from.type === 'date' ? `${c}::timestamptz` : `(${t})::timestamptz`;
    case 'json':
      // text is parsed as JSON; any other value becomes the JSON scalar for it
      if (TEXT_TYPES.has(valueType(from))) return `${c}::jsonb`;
      return from.type === 'bytes' ? `to_jsonb(${t})` : `to_jsonb(${c})`;
    case 'bytes':
      return `convert_to(${t}, 'UTF8')`;
  }
}

/**
 * `convertedValue` is a `from` value as the column will hold it after the change, for the
 * prechecks that compare converted values (several texts that all become `true` under a unique
 * index). Only valid once the value-level prechecks have passed: it fails where they would.
 */
export function convertedValue(from: ColumnSnapshot, to: ColumnSnapshot): string {
  return `CAST(${usingExpression(from, to) ?? quoteIdentifier(from.name)} AS ${renderColumnType(to)})`;
}
