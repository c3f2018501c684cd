import assert from 'node:assert/strict';
import { test } from 'vitest';
import { ExpressionBuilder, itemExists, keyOf } from './expressions.js';

test('every name and value becomes a placeholder, the same name the same one', () => {
  const e = new ExpressionBuilder();
  const text = `SET ${e.name('select')} = ${e.value({ S: "it's" })}, ${e.name('with space')} = ${e.name('select')}`;
  assert.equal(text, 'SET #n0 = :v0, #n1 = #n0');
  assert.deepEqual(e.parts(), { ExpressionAttributeNames: { '#n0': 'select', '#n1': 'with space' }, ExpressionAttributeValues: { ':v0': { S: "it's" } } });
  assert.deepEqual(new ExpressionBuilder().parts(), {});
});

test('projection lists each attribute once; itemExists and keyOf', () => {
  const e = new ExpressionBuilder();
  assert.equal(e.projection(['id', 'a.b', 'id']), '#n0, #n1');
  assert.equal(itemExists(e, ['id', 'sk']), 'attribute_exists(#n0) AND attribute_exists(#n2)');
  assert.deepEqual(keyOf({ id: { S: '1' }, sk: { N: '2' }, x: { S: 'y' } }, ['id', 'sk']), { id: { S: '1' }, sk: { N: '2' } });
});
