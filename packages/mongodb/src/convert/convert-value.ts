import { canonicalNumberPattern, type ColumnSnapshot, valueType } from '@tidemark/core';
import { MIN_KEY } from '../document.js';
import { typeClass, UUID_PATTERN } from '../schema/bson-types.js';

/** An aggregation expression (https://www.mongodb.com/docs/manual/meta/aggregation-quick-reference/#expressions). */
export type Expression = unknown;

/** The spellings a text column may hold to become a boolean, as the SQL backends read them. */
export const TRUE_SPELLINGS = ['1', 'true', 't', 'yes'];
export const FALSE_SPELLINGS = ['0', 'false', 'f', 'no'];

const TARGET_BSON = { i32: 'int', i64: 'long', f64: 'double', decimal: 'decimal' } as const;
const isNumber = (t: string): t is keyof typeof TARGET_BSON => t in TARGET_BSON;

const convert = (x: Expression, to: string): Expression => ({ $convert: { input: x, to, onError: MIN_KEY } });
/** Applies `fn` to `y` unless it is already the failure marker. */
const then = (y: Expression, name: string, fn: (v: string) => Expression): Expression =>
  ({ $let: { vars: { [name]: y }, in: { $cond: [{ $eq: [`$$${name}`, MIN_KEY] }, MIN_KEY, fn(`$$${name}`)] } } });

/**
 * The value of a non-null `x` of type `from` converted to `to`, or MinKey where MongoDB cannot
 * convert it on the server. Conversions follow what the SQL backends do (number → text, text →
 * number when it reads as one, 'yes'/'no' → boolean, timestamp → date keeps the day); json,
 * bytes and dates cannot become anything else, since MongoDB has no operator for it.
 * `exact` applies core's narrowing rule (exact-conversion.ts): text must be written as the
 * integer or decimal it becomes ('007' fails), and a decimal must not round; without it, such
 * values convert as the server would, which is how the prechecks tell the two failures apart.
 */
function convertNonNull(x: Expression, from: ColumnSnapshot, to: ColumnSnapshot, exact: boolean): Expression {
  const source = typeClass(valueType(from));
  if (isNumber(to.type)) {
    if (source !== 'number' && source !== 'bool' && source !== 'string') return MIN_KEY;
    const whole = to.type === 'i32' || to.type === 'i64';
    const target = TARGET_BSON[to.type];
    // $convert truncates 4.5 to 4 without complaint; a fraction must fail instead
    const wholeOnly = (v: Expression): Expression => ({ $cond: [{ $eq: [{ $trunc: [v] }, v] }, convert(v, target), MIN_KEY] });
    // not exact: text reads as PostgreSQL and MySQL read it (' 7', '7.0', '1e3'), so the precheck
    // can count what only the narrowing rule refuses apart from what is no number at all
    const converted = source === 'string' && !exact && whole
      ? then(convert({ $trim: { input: x } }, 'decimal'), 'tm_n', wholeOnly)
      : source === 'string' && !exact ? convert({ $trim: { input: x } }, target)
        : whole && (from.type === 'f64' || from.type === 'decimal') ? wholeOnly(x) : convert(x, target);
    const canonical = exact && source === 'string' ? canonicalNumberPattern(to.type) : undefined;
    const checked = canonical === undefined ? converted : { $cond: [{ $regexMatch: { input: x, regex: canonical } }, converted, MIN_KEY] };
    if (to.type !== 'decimal' || to.scale === undefined) return checked;
    return then(checked, 'tm_d', (d) => (exact ? { $cond: [{ $eq: [{ $round: [d, to.scale] }, d] }, d, MIN_KEY] } : { $round: [d, to.scale] }));
  }
  switch (typeClass(valueType(to))) {
    case 'bool':
      if (source === 'bool') return x;
      if (source === 'number') return convert(x, 'bool');
      if (source !== 'string') return MIN_KEY;
      return {
        $let: {
          vars: { tm_s: { $toLower: { $trim: { input: x } } } },
          in: { $switch: { branches: [{ case: { $in: ['$$tm_s', TRUE_SPELLINGS] }, then: true }, { case: { $in: ['$$tm_s', FALSE_SPELLINGS] }, then: false }], default: MIN_KEY } },
        },
      };
    case 'string':
      if (source === 'string') return x;
      if (source === 'number' || source === 'bool') return convert(x, 'string');
      if (source === 'date') return { $dateToString: { date: x, format: from.type === 'date' ? '%Y-%m-%d' : '%Y-%m-%dT%H:%M:%S.%LZ', timezone: 'UTC' } };
      return MIN_KEY;
    case 'date': {
      // no `timezone`: $dateFromString refuses one when the text carries its own ('…Z'); text
      // without a zone reads as UTC, which is the default
      const asDate = source === 'date' ? x : source === 'string' ? { $dateFromString: { dateString: x, onError: MIN_KEY } } : undefined;
      if (asDate === undefined) return MIN_KEY;
      return to.type === 'date' && from.type !== 'date' ? then(asDate, 'tm_t', (t) => ({ $dateTrunc: { date: t, unit: 'day', timezone: 'UTC' } })) : asDate;
    }
    case 'json': return source === 'json' ? x : MIN_KEY;
    case 'bytes': return source === 'bytes' ? x : MIN_KEY;
    default: return MIN_KEY;
  }
}

/** What a converted value must also satisfy to fit `to`: its length, enum values, uuid form or decimal precision. */
function fits(to: ColumnSnapshot, r: string): Expression | undefined {
  if (to.type === 'string' && to.length !== undefined) return { $lte: [{ $strLenCP: r }, to.length] };
  if (to.type === 'uuid') return { $regexMatch: { input: r, regex: UUID_PATTERN } };
  if (to.type === 'enum') return { $in: [r, [...(to.values ?? [])]] };
  if (to.type === 'decimal' && to.precision !== undefined) return { $lt: [{ $abs: r }, 10 ** (to.precision - (to.scale ?? 0))] };
  return undefined;
}

/**
 * `convertValue` is the expression that turns the value at `input` (any field path or variable)
 * into a value of `to`: null stays null, a value that converts and fits becomes the converted
 * value, and any other value becomes `fail`. Prechecks pass MinKey as `fail` and count it; the
 * rewrite passes the original value, so it never writes a wrong one (what stays unconverted is
 * found by the rewrite's final count). `exact: false` lets through values that would change
 * ('007' → 7, rounding), for the precheck that counts them apart (see `conversionFor`).
 */
export function convertValue(input: Expression, from: ColumnSnapshot, to: ColumnSnapshot, fail: Expression, exact = true): Expression {
  const converted = convertNonNull('$$tm_in', from, to, exact);
  const constraint = fits(to, '$$tm_out');
  return {
    $let: {
      vars: { tm_in: input },
      in: {
        $cond: [
          { $eq: [{ $ifNull: ['$$tm_in', null] }, null] },
          null,
          {
            $let: {
              vars: { tm_out: converted },
              in: { $cond: [{ $eq: ['$$tm_out', MIN_KEY] }, fail, constraint === undefined ? '$$tm_out' : { $cond: [constraint, '$$tm_out', fail] }] },
            },
          },
        ],
      },
    },
  };
}

/** `isConvertible` tells whether MongoDB can convert any value of `from` to `to` at all. */
export function isConvertible(from: ColumnSnapshot, to: ColumnSnapshot): boolean {
  return convertNonNull('$$x', from, to, true) !== MIN_KEY;
}
