import { canonicalNumberPattern, type PortableType } from '@tidemark/core';

/**
 * SQL conditions shared by the prechecks. Regular expressions use POSIX classes, not
 * backslashes, so they read the same whatever `standard_conforming_strings` says.
 */

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

/** `asNumber` is `text` as numeric where it reads as one, NULL elsewhere: never an error. */
export function asNumber(text: string): string {
  return `(CASE WHEN ${text} ~ ${NUMERIC_TEXT} THEN (${text})::numeric END)`;
}

/** `isCanonicalFor` is a condition true when `text` is written as core's narrowing rule wants for `type` (exact-conversion.ts). */
export function isCanonicalFor(text: string, type: PortableType): string {
  const pattern = canonicalNumberPattern(type);
  return pattern === undefined ? 'true' : `(${text} ~ '${pattern}')`;
}
