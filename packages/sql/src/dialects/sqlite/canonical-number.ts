import type { PortableType } from '@tidemark/core';

/**
 * SQLite's spelling of core's narrowing rule (packages/core/src/backend/exact-conversion.ts).
 * SQLite has no regular expressions, so the patterns are spelt with GLOB and string functions;
 * the tests in canonical-number.test.ts hold them to core's patterns on the same texts.
 */

/** Strips a leading '-' (or '+' when `plus`) from `t`. */
const unsigned = (t: string, plus: boolean): string => `(CASE WHEN ${t} GLOB '${plus ? '[+-]' : '-'}*' THEN substr(${t}, 2) ELSE ${t} END)`;

/** `t` is a non-empty run of digits. */
const digits = (t: string): string => `(${t} <> '' AND ${t} NOT GLOB '*[^0-9]*')`;

/** `t` is '0' or digits without a leading zero. */
const wholePart = (t: string): string => `(${t} = '0' OR (${t} GLOB '[1-9]*' AND ${t} NOT GLOB '*[^0-9]*'))`;

/**
 * `isNumberTextSql` is a condition true when the text `t` reads as a finite number the way
 * PostgreSQL's and MySQL's number input does: spaces around, a sign, leading zeros, '.5', '7.',
 * an exponent. SQLite's JSON parser accepts exactly the plain number syntax
 * (https://www.sqlite.org/json1.html#jvalid), so the text is first brought to it: sign and
 * leading zeros off, a '0' before a bare point, a trailing point dropped.
 */
export function isNumberTextSql(t: string): string {
  const body = unsigned(`trim(${t})`, true);
  const s = `ltrim(${body}, '0')`;
  const led = `(CASE WHEN ${s} = '' OR ${s} GLOB '[.eE]*' THEN '0' || ${s} ELSE ${s} END)`;
  const json = `replace(replace(${led} || '~', '.~', ''), '~', '')`;
  const bare = `replace(${json}, '.e', 'e')`;
  return `(CASE WHEN (${body} GLOB '[0-9]*' OR ${body} GLOB '.[0-9]*') AND json_valid(${bare}) THEN json_type(${bare}) IN ('integer', 'real') ELSE 0 END)`;
}

/**
 * `isCanonicalNumberSql` is a condition true when the text `t` is how a value of `type` (i32,
 * i64 or decimal) is written back: core's CANONICAL_INTEGER_TEXT or CANONICAL_DECIMAL_TEXT.
 */
export function isCanonicalNumberSql(t: string, type: PortableType): string {
  if (type === 'i32' || type === 'i64') {
    return `(${t} = '0' OR ((${t} GLOB '[1-9]*' OR ${t} GLOB '-[1-9]*') AND substr(${t}, 2) NOT GLOB '*[^0-9]*'))`;
  }
  const u = unsigned(t, false);
  const point = `instr(${u}, '.')`;
  const whole = `(CASE WHEN ${point} > 0 THEN substr(${u}, 1, ${point} - 1) ELSE ${u} END)`;
  const fraction = `substr(${u}, ${point} + 1)`;
  return `(${wholePart(whole)} AND (${point} = 0 OR ${digits(fraction)}))`;
}
