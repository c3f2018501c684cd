import type { ColumnDefault, ColumnType, ElementType, PortableType, ScalarDefault } from '@tidemark/core';
import { postgres } from '@tidemark/sql';
import { readStringLiteral, unwrap } from './sql-text.js';

const NOW = /^(CURRENT_TIMESTAMP|CURRENT_DATE|LOCALTIMESTAMP|now\(\)|statement_timestamp\(\)|transaction_timestamp\(\))$/i;
// a trailing type cast as PostgreSQL deparses it: ::integer, ::character varying, ::numeric(10,2), ::"MyType"
const TRAILING_CAST = /::(?:[a-z_][a-z0-9_ ]*|"(?:[^"]|"")+")(?:\(\d+(?:,\d+)?\))?(?:\[\])?$/i;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NUMBER_TYPES: readonly PortableType[] = ['i32', 'i64', 'f64', 'decimal'];

/** `ReadDefault` is what a column's default expression says: a snapshot default, or a sequence (serial). */
export interface ReadDefault {
  readonly default?: ColumnDefault;
  /** `nextval(…)`: a serial column, which the snapshot calls auto-increment. */
  readonly serial?: true;
}

function literal(expression: string): string | number | boolean | { fn: 'now' } | undefined {
  let e = unwrap(expression);
  for (;;) {
    if (NOW.test(e)) return { fn: 'now' };
    const lit = readStringLiteral(e, 0);
    if (lit && lit.end === e.length) return lit.value;
    if (NUMBER.test(e)) return Number(e);
    if (/^(true|false)$/i.test(e)) return e.toLowerCase() === 'true';
    const stripped = unwrap(e.replace(TRAILING_CAST, ''));
    if (stripped === e) return undefined;
    e = stripped;
  }
}

/**
 * `parseDefault` turns a column default as `pg_get_expr` deparses it back into a snapshot default,
 * the inverse of `renderDefault`: `7`, `'-5'::integer`, `'x'::character varying`, `true`,
 * `('2024-01-05'::text)::date`, CURRENT_TIMESTAMP → `{ fn: 'now' }`, by the column's type
 * (quoted numbers read as numbers in number columns). NULL and expressions Tidemark never writes
 * read as no default.
 */
export function parseDefault(expression: string | null, type: ColumnType, items?: ElementType): ReadDefault {
  if (expression === null) return {};
  if (/^nextval\(/i.test(expression.trim())) return { serial: true };
  const value = literal(expression);
  if (value === undefined) return {};
  if (type === 'array') return typeof value === 'string' ? listDefault(value, items!) : {};
  if (typeof value === 'object') return { default: value };
  if (NUMBER_TYPES.includes(type) && typeof value === 'string' && NUMBER.test(value.trim())) return { default: Number(value) };
  if (type === 'boolean' && typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (['true', 't', 'yes', 'on', '1'].includes(v)) return { default: true };
    if (['false', 'f', 'no', 'off', '0'].includes(v)) return { default: false };
  }
  return { default: value };
}

/** An array default as `renderDefault` writes it (`('{"a","b"}'::text)::varchar(40)[]`): its elements by the element type. */
function listDefault(text: string, items: ElementType): ReadDefault {
  const elements = postgres.parseArrayText(text);
  if (!elements || elements.includes(null)) return {};
  const list: ScalarDefault[] = [];
  for (const e of elements as string[]) {
    const one = parseDefault(`'${e.replaceAll("'", "''")}'`, items).default;
    if (one === undefined || typeof one === 'object') return {};
    list.push(one);
  }
  return { default: list };
}
