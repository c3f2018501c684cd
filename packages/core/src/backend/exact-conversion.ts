import type { PortableType } from '../snapshot/portable-type.js';

/**
 * The one narrowing rule every backend follows (issue 16): a conversion to an integer or a
 * decimal keeps each value exactly, or the migration stops. A value that would come out
 * different — '007', ' 7', '7.0' or '1e3' read as an integer, 1.234 rounded to 1.23 by a
 * smaller scale — is counted and refused like any other precheck, never quietly changed. The
 * user allows such a change by making it explicit: a data step that converts the values first.
 *
 * Text is "canonical" for a number type when it is exactly how that number is written back:
 * no spaces, sign only for negatives, no leading zeros, no exponent, and for an integer no
 * point. The patterns are POSIX ERE that JavaScript and PCRE read the same way (`[0-9]` and
 * `[.]`, never backslashes), so PostgreSQL (`~`), MySQL/MariaDB (`REGEXP`), MongoDB
 * (`$regexMatch`) and DynamoDB (in JS) test the same thing; SQLite, which has no regular
 * expressions, spells the same rule with GLOB (packages/sql/src/dialects/sqlite/canonical-number.ts).
 * Text → f64 stays lenient: a float is approximate by nature, and ' 7 ' → 7 loses nothing a
 * double could have kept.
 */

/** `CANONICAL_INTEGER_TEXT` matches the text an integer is written as: `0`, `42`, `-7` (not `-0`, `007`, `+7`, ` 7`, `7.0`, `1e3`). */
export const CANONICAL_INTEGER_TEXT = '^(0|-?[1-9][0-9]*)$';

/** `CANONICAL_DECIMAL_TEXT` matches plain decimal writing: `0`, `-12.50`, `0.001` (not `007`, `.5`, `5.`, `+1`, ` 1`, `1e3`). */
export const CANONICAL_DECIMAL_TEXT = '^-?(0|[1-9][0-9]*)([.][0-9]+)?$';

/** `EXACT_NUMBER_TYPES` are the types whose conversions from text must be exact; f64 is not among them. */
export const EXACT_NUMBER_TYPES: readonly PortableType[] = ['i32', 'i64', 'decimal'];

/** `canonicalNumberPattern` is the pattern text must match to become `type` unchanged, or undefined when `type` takes any number text. */
export function canonicalNumberPattern(type: PortableType): string | undefined {
  if (type === 'i32' || type === 'i64') return CANONICAL_INTEGER_TEXT;
  if (type === 'decimal') return CANONICAL_DECIMAL_TEXT;
  return undefined;
}

/** `isCanonicalNumberText` tells whether `text` becomes a value of `type` without changing (always true for types without a pattern). */
export function isCanonicalNumberText(text: string, type: PortableType): boolean {
  const pattern = canonicalNumberPattern(type);
  return pattern === undefined || new RegExp(pattern).test(text);
}

/** The names of the two checks this rule adds, the same on every backend. */
export const NUMBER_TEXT_CHECK = 'number text';
export const DECIMAL_SCALE_CHECK = 'decimal scale';

/**
 * `numberTextHint` says why text such as '007' is refused as `type`, and how to allow the change
 * explicitly: convert the values in a data step of an earlier migration (`fix` shows how on the
 * backend), then run again.
 */
export function numberTextHint(type: PortableType, fix: string): string {
  return `these texts would change when read as ${type} ('007' → 7, ' 7' → 7, '7.0' → 7); if that is what you want, `
    + `convert them explicitly first with a data step (${fix}), or keep the column as text`;
}

/** `decimalScaleHint` says why values with more digits than `scale` are refused, and how to round them explicitly. */
export function decimalScaleHint(scale: number, fix: string): string {
  return `these values have more than ${scale} digit(s) after the point and would be rounded; if that is what you want, `
    + `round them explicitly first with a data step (${fix}), or keep the larger scale`;
}
