import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import type { TableSnapshot } from '@tidemark/core';
import { mergeTable } from './introspect.js';

const stored: TableSnapshot = {
  name: 'users', model: '',
  columns: [{ name: 'id', type: 'uuid', nullable: false }, { name: 'email', type: 'string', nullable: false, length: 100 }, { name: 'age', type: 'i32', nullable: true }],
  primaryKey: ['id'],
  indexes: [{ name: 'idx_users_email', columns: ['email'], unique: true, applicationEnforced: true }],
  foreignKeys: [],
};
const real: TableDescription = {
  TableName: 'users', TableStatus: 'ACTIVE',
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'email', AttributeType: 'S' }],
  GlobalSecondaryIndexes: [{ IndexName: 'idx_users_email', KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], IndexStatus: 'ACTIVE' }],
};

test('keys and indexes come from DynamoDB, columns and flags from the metadata', () => {
  assert.deepEqual(mergeTable(real, stored), stored);
});

test('where they disagree the real side wins, so drift shows', () => {
  const drifted = mergeTable({
    ...real,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }, { AttributeName: 'at', AttributeType: 'S' }, { AttributeName: 'email', AttributeType: 'S' }],
    GlobalSecondaryIndexes: [
      { IndexName: 'idx_users_email', KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], IndexStatus: 'DELETING' },
      { IndexName: 'by_email_at', KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }], IndexStatus: 'CREATING' },
    ],
  }, stored);
  assert.deepEqual(drifted.primaryKey, ['id', 'at']);
  assert.deepEqual(drifted.columns.find((c) => c.name === 'id'), { name: 'id', type: 'f64', nullable: false }, 'the metadata says uuid, the key attribute is a number');
  assert.deepEqual(drifted.columns.find((c) => c.name === 'at'), { name: 'at', type: 'text', nullable: true }, 'an attribute the metadata does not know');
  assert.deepEqual(drifted.indexes, [{ name: 'by_email_at', columns: ['email', 'at'], unique: false }], 'a deleting index is gone; an unknown one is plain');
});
