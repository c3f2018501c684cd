import assert from 'node:assert/strict';
import { test } from 'vitest';
import { compareDecimal, fitsDynamoDbNumber, formatDecimal, integerDigits, isWhole, parseDecimal, roundDecimal, toBigInt } from './decimal.js';

const d = (text: string) => parseDecimal(text)!;

test('parseDecimal reads number text and refuses what is not a number', () => {
  for (const [text, plain] of [['12', '12'], ['-0.50', '-0.5'], ['1e3', '1000'], [' 7 ', '7'], ['+.25', '0.25'], ['0012.500', '12.5'], ['-0', '0'], ['1.5E-3', '0.0015']] as const) {
    assert.equal(formatDecimal(d(text)), plain, text);
  }
  for (const text of ['', 'abc', '1.2.3', 'Infinity', 'NaN', '1e', '.', '--1', '0x10']) assert.equal(parseDecimal(text), undefined, text);
});

test('whole numbers, digits before the point, bigints beyond 2^53', () => {
  assert.equal(isWhole(d('3.0')), true);
  assert.equal(isWhole(d('3.5')), false);
  assert.equal(integerDigits(d('123.45')), 3);
  assert.equal(integerDigits(d('0.001')), 0);
  assert.equal(toBigInt(d('9223372036854775807')), 9223372036854775807n);
  assert.equal(toBigInt(d('-1e20')), -100000000000000000000n);
});

test('roundDecimal rounds halves away from zero', () => {
  for (const [text, scale, out] of [['12.345', 2, '12.35'], ['-12.345', 2, '-12.35'], ['0.005', 2, '0.01'], ['0.004', 2, '0'], ['2.5', 0, '3'], ['99.99', 1, '100'], ['1.2', 3, '1.2']] as const) {
    assert.equal(formatDecimal(roundDecimal(d(text), scale)), out, `${text} @ ${scale}`);
  }
});

test('compareDecimal orders exactly, beyond what a double holds', () => {
  assert.equal(compareDecimal(d('9223372036854775808'), d('9223372036854775807')), 1);
  assert.equal(compareDecimal(d('-2147483649'), d('-2147483648')), -1);
  assert.equal(compareDecimal(d('0.10'), d('0.1')), 0);
  assert.equal(compareDecimal(d('-1'), d('0')), -1);
});

test("fitsDynamoDbNumber: 38 digits, magnitude below 1E+126 and at least 1E-130", () => {
  assert.equal(fitsDynamoDbNumber(d('9.9999999999999999999999999999999999999E+125')), true);
  assert.equal(fitsDynamoDbNumber(d('1e126')), false);
  assert.equal(fitsDynamoDbNumber(d('1e300')), false);
  assert.equal(fitsDynamoDbNumber(d('1E-130')), true);
  assert.equal(fitsDynamoDbNumber(d('1E-131')), false);
  assert.equal(fitsDynamoDbNumber(d('12345678901234567890123456789012345678')), true);
  assert.equal(fitsDynamoDbNumber(d('123456789012345678901234567890123456789')), false);
});
