import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ColumnSnapshot, PortableType } from '@tidemark/core';
import { convertValue, needsValueCheck } from './convert-value.js';

const col = (type: PortableType, extra: Partial<ColumnSnapshot> = {}): ColumnSnapshot => ({ name: 'c', type, nullable: true, ...extra });
const ok = (v: AttributeValue, to: ColumnSnapshot): AttributeValue => {
  const r = convertValue(v, to);
  assert.ok('value' in r, `expected ${JSON.stringify(v)} to convert to ${to.type}, got ${JSON.stringify(r)}`);
  return r.value;
};
const no = (v: AttributeValue, to: ColumnSnapshot, problem: RegExp): void => {
  const r = convertValue(v, to);
  assert.ok('problem' in r, `expected ${JSON.stringify(v)} not to convert to ${to.type}`);
  assert.match(r.problem, problem);
};

test('numbers: whole and in range for integers, within the scale for decimals (core narrowing rule: nothing rounds)', () => {
  assert.deepEqual(ok({ N: '5' }, col('i32')), { N: '5' });
  assert.deepEqual(ok({ S: '-7' }, col('i64')), { N: '-7' });
  assert.deepEqual(ok({ S: ' 7 ' }, col('f64')), { N: '7' });
  for (const text of [' 7 ', '007', '7.0', '+7', '1e3']) no({ S: text }, col('i64'), /not written as the i64 it would become \(7|1000\)/);
  assert.equal((convertValue({ S: '007' }, col('i32')) as { check: string }).check, 'number text');
  assert.deepEqual(ok({ BOOL: true }, col('i32')), { N: '1' });
  no({ N: '3000000000' }, col('i32'), /outside the i32 range/);
  no({ N: '4.5' }, col('i64'), /not a whole number/);
  no({ S: 'abc' }, col('f64'), /not a number/);
  no({ M: {} }, col('i32'), /json value is not a number/);
  assert.deepEqual(ok({ N: '12.3' }, col('decimal', { precision: 5, scale: 2 })), { N: '12.3' });
  no({ N: '12.345' }, col('decimal', { precision: 5, scale: 2 }), /more than 2 digit\(s\) after the point and would be rounded to 12\.35/);
  assert.equal((convertValue({ N: '1.234' }, col('decimal', { precision: 10, scale: 2 })) as { check: string }).check, 'decimal scale');
  no({ S: '012.5' }, col('decimal', { precision: 5, scale: 2 }), /not written as the decimal/);
  no({ N: '123456.7' }, col('decimal', { precision: 6, scale: 2 }), /more than 4 digits before the point/);
  no({ S: '1e300' }, col('f64'), /outside the numbers DynamoDB stores/);
});

test('text: everything reads as text; lengths, enums, UUIDs, dates and timestamps are checked', () => {
  assert.deepEqual(ok({ N: '12' }, col('text')), { S: '12' });
  assert.deepEqual(ok({ BOOL: false }, col('string')), { S: 'false' });
  assert.deepEqual(ok({ M: { a: { N: '1' } } }, col('text')), { S: '{"a":1}' });
  no({ S: 'x'.repeat(11) }, col('string', { length: 10 }), /longer than 10 characters/);
  assert.deepEqual(ok({ S: '日本語' }, col('string', { length: 3 })), { S: '日本語' });
  no({ S: 'blue' }, col('enum', { values: ['red'] }), /not one of red/);
  no({ S: 'not-a-uuid' }, col('uuid'), /not a UUID/);
  no({ N: '5' }, col('uuid'), /cannot become uuid|not a UUID/);
  assert.deepEqual(ok({ S: '2024-01-05 10:00:00' }, col('date')), { S: '2024-01-05' });
  no({ S: '2024-02-30' }, col('date'), /not a date/);
  assert.deepEqual(ok({ S: '2024-01-05' }, col('timestamp')), { S: '2024-01-05T00:00:00.000Z' });
  assert.deepEqual(ok({ S: '2024-01-01 00:00:05' }, col('timestamp')), { S: '2024-01-01 00:00:05' });
  no({ N: '1700000000' }, col('timestamp'), /not a timestamp/);
  no({ B: new Uint8Array([0xff]) }, col('text'), /byte string cannot become text/);
  assert.deepEqual(ok({ B: new TextEncoder().encode('b1') }, col('text')), { S: 'b1' });
});

test('booleans: the usual spellings of true and false, numbers as non-zero', () => {
  assert.deepEqual(ok({ S: 'TRUE' }, col('boolean')), { BOOL: true });
  assert.deepEqual(ok({ S: '0' }, col('boolean')), { BOOL: false });
  assert.deepEqual(ok({ N: '2' }, col('boolean')), { BOOL: true });
  assert.deepEqual(ok({ N: '0' }, col('boolean')), { BOOL: false });
  no({ S: 'maybe' }, col('boolean'), /does not spell true or false/);
});

test('json and bytes', () => {
  assert.deepEqual(ok({ S: '{"n":1}' }, col('json')), { M: { n: { N: '1' } } });
  assert.deepEqual(ok({ N: '3' }, col('json')), { N: '3' });
  no({ S: '{oops' }, col('json'), /not JSON text/);
  assert.deepEqual(ok({ S: 'ab' }, col('bytes')), { B: new TextEncoder().encode('ab') });
  no({ N: '1' }, col('bytes'), /not a byte string/);
  assert.deepEqual(ok({ NULL: true }, col('i32')), { NULL: true });
});

test('needsValueCheck: widenings are metadata only, anything that may change or refuse a value is checked', () => {
  assert.equal(needsValueCheck(col('i32'), col('i64')), false);
  assert.equal(needsValueCheck(col('i64'), col('f64')), false);
  assert.equal(needsValueCheck(col('string', { length: 40 }), col('string', { length: 200 })), false);
  assert.equal(needsValueCheck(col('string'), col('text')), false);
  assert.equal(needsValueCheck(col('enum', { values: ['a'] }), col('enum', { values: ['a', 'b'] })), false);
  assert.equal(needsValueCheck(col('decimal', { precision: 8, scale: 2 }), col('decimal', { precision: 10, scale: 2 })), false);
  assert.equal(needsValueCheck(col('i64'), col('i32')), true);
  assert.equal(needsValueCheck(col('text'), col('string', { length: 10 })), true);
  assert.equal(needsValueCheck(col('enum', { values: ['a', 'b'] }), col('enum', { values: ['a'] })), true);
  assert.equal(needsValueCheck(col('decimal', { precision: 10, scale: 2 }), col('decimal', { precision: 10, scale: 1 })), true);
  assert.equal(needsValueCheck(col('text'), col('boolean')), true);
});
