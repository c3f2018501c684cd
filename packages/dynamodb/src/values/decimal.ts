/**
 * Exact decimal arithmetic on number text, for DynamoDB's N type (up to 38 significant digits,
 * more than a JS number holds): reading number text, whole-number and range checks, rounding to
 * a scale. A `Decimal` is sign × digits × 10^exponent, with `digits` free of leading zeros.
 */
export interface Decimal {
  readonly negative: boolean;
  /** Significant digits, no leading zeros; '' for zero. */
  readonly digits: string;
  readonly exponent: number;
}

const NUMBER_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * `parseDecimal` reads number text as people and DynamoDB write it (`12`, `-0.5`, `1e3`, ` 7 `),
 * or returns undefined when it is not a number (`abc`, `''`, `1.2.3`, `Infinity`).
 */
export function parseDecimal(text: string): Decimal | undefined {
  const m = NUMBER_TEXT.exec(text.trim());
  if (!m) return undefined;
  const [, sign, whole = '', fraction = '', exp = '0'] = m;
  if (whole === '' && fraction === '') return undefined;
  let digits = (whole + fraction).replace(/^0+/, '');
  let exponent = Number(exp) - fraction.length;
  const trailing = /0*$/.exec(digits)![0].length;
  if (trailing > 0) {
    digits = digits.slice(0, digits.length - trailing);
    exponent += trailing;
  }
  if (digits === '') return { negative: false, digits: '', exponent: 0 };
  return { negative: sign === '-', digits, exponent };
}

/** `isWhole` tells whether the number has no fractional part. */
export function isWhole(d: Decimal): boolean {
  return d.exponent >= 0 || d.digits === '';
}

/** `integerDigits` is how many digits the number has before the decimal point (0 for |d| < 1). */
export function integerDigits(d: Decimal): number {
  return d.digits === '' ? 0 : Math.max(0, d.digits.length + d.exponent);
}

/** `toBigInt` returns a whole number as a bigint. */
export function toBigInt(d: Decimal): bigint {
  if (!isWhole(d)) throw new RangeError('not a whole number');
  if (d.digits === '') return 0n;
  const n = BigInt(d.digits + '0'.repeat(d.exponent));
  return d.negative ? -n : n;
}

/** `formatDecimal` writes the number as plain text, without an exponent: `-12.5`, `0.001`, `300`. */
export function formatDecimal(d: Decimal): string {
  if (d.digits === '') return '0';
  let text: string;
  if (d.exponent >= 0) text = d.digits + '0'.repeat(d.exponent);
  else {
    const point = d.digits.length + d.exponent;
    text = point > 0 ? `${d.digits.slice(0, point)}.${d.digits.slice(point)}` : `0.${'0'.repeat(-point)}${d.digits}`;
  }
  return d.negative ? `-${text}` : text;
}

/** `roundDecimal` rounds to `scale` digits after the point, halves away from zero (as PostgreSQL's numeric does). */
export function roundDecimal(d: Decimal, scale: number): Decimal {
  if (d.digits === '' || d.exponent >= -scale) return d;
  const keep = d.digits.length + d.exponent + scale; // digits that stay
  if (keep < 0) return { negative: false, digits: '', exponent: 0 };
  const head = d.digits.slice(0, keep);
  const roundUp = Number(d.digits[keep] ?? '0') >= 5;
  let n = BigInt(head === '' ? '0' : head);
  if (roundUp) n += 1n;
  return parseDecimal(`${d.negative ? '-' : ''}${n}e${-scale}`)!;
}

/** `compareDecimal` orders two numbers (-1, 0, 1). */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const sign = (d: Decimal): number => (d.digits === '' ? 0 : d.negative ? -1 : 1);
  if (sign(a) !== sign(b)) return sign(a) < sign(b) ? -1 : 1;
  if (sign(a) === 0) return 0;
  const magnitude = (): number => {
    const ea = a.digits.length + a.exponent;
    const eb = b.digits.length + b.exponent;
    if (ea !== eb) return ea < eb ? -1 : 1;
    const len = Math.max(a.digits.length, b.digits.length);
    const da = a.digits.padEnd(len, '0');
    const db = b.digits.padEnd(len, '0');
    return da === db ? 0 : da < db ? -1 : 1;
  };
  return sign(a) * magnitude();
}

/**
 * `fitsDynamoDbNumber` tells whether DynamoDB's N type can hold the number: at most 38
 * significant digits, magnitude below 1E+126 and, unless zero, at least 1E-130
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number).
 */
export function fitsDynamoDbNumber(d: Decimal): boolean {
  if (d.digits === '') return true;
  const magnitude = d.digits.length + d.exponent; // the number is below 10^magnitude
  return d.digits.length <= 38 && magnitude <= 126 && magnitude > -130;
}
