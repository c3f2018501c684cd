import assert from 'node:assert/strict';
import { test } from 'vitest';
import { marshalJson, toAttributeValue, toPlain, unmarshalJson } from './attribute-value.js';

test('toAttributeValue stores a value in its column type; null means no attribute', () => {
  assert.deepEqual(toAttributeValue(42, { type: 'i32' }), { N: '42' });
  assert.deepEqual(toAttributeValue(9007199254740991, { type: 'i64' }), { N: '9007199254740991' });
  assert.deepEqual(toAttributeValue('12.50', { type: 'decimal' }), { N: '12.5' });
  assert.deepEqual(toAttributeValue(true, { type: 'boolean' }), { BOOL: true });
  assert.deepEqual(toAttributeValue('no', { type: 'boolean' }), { BOOL: false });
  assert.deepEqual(toAttributeValue('x', { type: 'string' }), { S: 'x' });
  assert.deepEqual(toAttributeValue('{"a":[1,null]}', { type: 'json' }), { M: { a: { L: [{ N: '1' }, { NULL: true }] } } });
  assert.deepEqual(toAttributeValue('ab', { type: 'bytes' }), { B: new TextEncoder().encode('ab') });
  assert.equal(toAttributeValue(null, { type: 'i32' }), undefined);
  assert.equal(toAttributeValue(undefined, { type: 'text' }), undefined);
});

test('Default.now is the current date or timestamp in UTC', () => {
  const now = new Date('2025-01-17T12:34:56.789Z');
  assert.deepEqual(toAttributeValue({ fn: 'now' }, { type: 'timestamp' }, now), { S: '2025-01-17T12:34:56.789Z' });
  assert.deepEqual(toAttributeValue({ fn: 'now' }, { type: 'date' }, now), { S: '2025-01-17' });
  assert.throws(() => toAttributeValue({ fn: 'now' }, { type: 'i32' }, now), TypeError);
});

test('values a column cannot hold are refused, numbers beyond DynamoDB\'s range included', () => {
  assert.throws(() => toAttributeValue('abc', { type: 'i32' }), /not a number/);
  assert.throws(() => toAttributeValue('maybe', { type: 'boolean' }), /not a boolean/);
  assert.throws(() => toAttributeValue(1e300, { type: 'f64' }), /outside the numbers DynamoDB stores/);
});

test('toPlain shows values as a SQL driver returns them', () => {
  assert.equal(toPlain({ N: '2147483647' }), 2147483647);
  assert.equal(toPlain({ S: "it's" }), "it's");
  assert.equal(toPlain({ BOOL: false }), false);
  assert.equal(toPlain(undefined), null);
  assert.equal(toPlain({ NULL: true }), null);
  assert.equal(toPlain({ M: { a: { L: [{ N: '1' }] } } }), '{"a":[1]}');
  assert.equal(toPlain({ B: new TextEncoder().encode('b1') }), 'b1');
});

test('json round-trips through M, L and scalars', () => {
  const value = { a: [1, 2, { b: null }], c: 'x', d: true, e: 1.5 };
  assert.deepEqual(unmarshalJson(marshalJson(value)), value);
  assert.deepEqual(unmarshalJson(marshalJson([1, 'two'])), [1, 'two']);
});
