import assert from 'node:assert/strict';
import { test } from 'vitest';
import { applyOperation, emptySnapshot, isTidemarkError, op, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';
import { renderStep } from '../render.js';
import { planOperation } from './plan-operation.js';

const users = op.createTable({
  name: 'users',
  columns: [
    { name: 'id', type: 'uuid' }, { name: 'email', type: 'string', length: 100 }, { name: 'age', type: 'i32', nullable: true },
    { name: 'active', type: 'boolean', default: true }, { name: 'profile', type: 'json', nullable: true },
  ],
  primaryKey: ['id'],
  indexes: [{ name: 'idx_users_email', columns: ['email'], unique: true, applicationEnforced: true }],
});
const withUsers = applyOperation(emptySnapshot(), users);
const kinds = (operation: SchemaOperation, before: SchemaSnapshot = withUsers) => planOperation(operation, before).steps.map((s) => s.kind === 'check' ? `check:${s.check.kind}` : s.kind);
const refused = (operation: SchemaOperation, what: RegExp, before: SchemaSnapshot = withUsers) =>
  assert.throws(() => planOperation(operation, before), (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && what.test(err.message) && err.hint.length > 0);

test('createTable: one CreateTable with the key, the indexes as GSIs and on-demand capacity, then its metadata', () => {
  const plan = planOperation(users, emptySnapshot());
  assert.deepEqual(plan.steps.map((s) => s.kind), ['createTable', 'saveMetadata']);
  const create = plan.steps[0]!;
  assert.ok(create.kind === 'createTable');
  assert.deepEqual(create.input, {
    TableName: 'users',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' }, { AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: [{ IndexName: 'idx_users_email', KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
  });
});

test('what DynamoDB cannot hold is refused before anything runs, naming the table', () => {
  const t = (spec: Partial<Parameters<typeof op.createTable>[0]>) => op.createTable({ name: 'things', columns: [{ name: 'a', type: 'i32' }, { name: 'b', type: 'i32' }, { name: 'c', type: 'boolean' }], primaryKey: ['a'], ...spec });
  refused(t({ primaryKey: ['a', 'b', 'c'] }), /key of 3 columns \(a, b, c\) on things/);
  refused(t({ primaryKey: ['c'] }), /things\.c, a boolean column, in the key of things/);
  refused(t({ name: 'a b' }), /name a table "a b"/);
  refused(t({ name: 'ab' }), /name a table "ab"/);
  refused(t({ indexes: [{ name: 'idx_things_abc', columns: ['a', 'b', 'c'] }] }), /at most 2|over 3 columns/);
  refused(t({ indexes: [{ name: 'idx_things_c', columns: ['c'] }] }), /things\.c, a boolean column, in index idx_things_c/);
  refused(t({ indexes: [{ name: 'idx_things_b', columns: ['b'], unique: true }] }), /unique index/);
  refused(t({ columns: [{ name: 'a', type: 'i32', autoIncrement: true }], primaryKey: ['a'] }), /auto-increment/);
  refused(op.alterPrimaryKey('users', ['email']), /change the key of users/);
  refused(op.renameColumn('users', 'id', 'user_id'), /rename users\.id: it is part of the table's key/);
  refused(op.alterColumn('users', 'id', { type: 'i64' }), /key column users\.id from uuid to i64/);
  refused(op.alterColumn('users', 'email', { type: 'boolean' }), /users\.email, a boolean column, in index idx_users_email/);
});

test('addColumn: metadata only without a value; a pass over the items with a default or back-fill; a check for NOT NULL without either', () => {
  assert.deepEqual(kinds(op.addColumn('users', { name: 'bio', type: 'text', nullable: true })), ['saveMetadata']);
  assert.deepEqual(kinds(op.addColumn('users', { name: 'score', type: 'i32' }, { backfill: 0 })), ['rewrite', 'saveMetadata']);
  assert.deepEqual(kinds(op.addColumn('users', { name: 'level', type: 'i32', nullable: true, default: 1 })), ['rewrite', 'saveMetadata']);
  assert.deepEqual(kinds(op.addColumn('users', { name: 'code', type: 'string' })), ['check:noItems', 'saveMetadata']);
  assert.throws(() => planOperation(op.addColumn('users', { name: 'n', type: 'i32' }, { backfill: 'many' }), withUsers), (err) => isTidemarkError(err, 'TM_MIGRATION_INVALID'));
});

test('alterColumn: metadata for widenings, checks then a rewrite for conversions, indexes rebuilt around a key-type change', () => {
  assert.deepEqual(kinds(op.alterColumn('users', 'age', { type: 'i64', nullable: true })), ['saveMetadata']);
  assert.deepEqual(kinds(op.alterColumn('users', 'age', { type: 'i32' })), ['check:notNull', 'saveMetadata']);
  assert.deepEqual(kinds(op.alterColumn('users', 'age', { type: 'text', nullable: true })), ['check:convert', 'rewrite', 'saveMetadata']);
  assert.deepEqual(kinds(op.alterColumn('users', 'email', { type: 'string', length: 10 })), ['check:convert', 'rewrite', 'saveMetadata']);
  const indexed = applyOperation(withUsers, op.createIndex('users', { name: 'idx_users_age', columns: ['age'] }));
  assert.deepEqual(kinds(op.alterColumn('users', 'age', { type: 'string', nullable: true }), indexed), ['check:convert', 'deleteIndex', 'rewrite', 'createIndex', 'saveMetadata']);
  assert.deepEqual(kinds(op.alterColumn('users', 'active', { type: 'boolean', default: false })), ['saveMetadata']);
});

test('renameColumn moves values, rebuilding the indexes over the column; renameTable copies', () => {
  assert.deepEqual(kinds(op.renameColumn('users', 'age', 'years')), ['rewrite', 'saveMetadata']);
  assert.deepEqual(kinds(op.renameColumn('users', 'email', 'mail')), ['deleteIndex', 'rewrite', 'createIndex', 'saveMetadata']);
  assert.deepEqual(kinds(op.renameTable('users', 'people')), ['createTable', 'copy', 'deleteTable', 'saveMetadata', 'deleteMetadata']);
});

test('indexes: checked for indexable values (and duplicates when unique), then one UpdateTable; foreign keys are metadata only', () => {
  assert.deepEqual(kinds(op.createIndex('users', { name: 'idx_users_age', columns: ['age'] })), ['check:indexKeys', 'createIndex', 'saveMetadata']);
  assert.deepEqual(kinds(op.createIndex('users', { name: 'idx_users_age', columns: ['age'], unique: true, applicationEnforced: true })), ['check:indexKeys', 'check:unique', 'createIndex', 'saveMetadata']);
  assert.deepEqual(kinds(op.dropIndex('users', 'idx_users_email')), ['deleteIndex', 'saveMetadata']);
  const two = applyOperation(withUsers, op.createTable({ name: 'posts', columns: [{ name: 'id', type: 'uuid' }, { name: 'user_id', type: 'uuid' }], primaryKey: ['id'] }));
  assert.deepEqual(kinds(op.addForeignKey('posts', { name: 'fk_posts_user_id', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'] }), two), ['saveMetadata']);
});

test('rendering is deterministic and shows the DynamoDB requests', () => {
  const operation = op.addColumn('users', { name: 'score', type: 'i32' }, { backfill: 10 });
  const render = () => planOperation(operation, withUsers).steps.flatMap(renderStep);
  assert.deepEqual(render(), render());
  assert.deepEqual(render(), [
    'Scan {"TableName":"users","ProjectionExpression":"#n0","FilterExpression":"attribute_not_exists(#n1)","ExpressionAttributeNames":{"#n0":"id","#n1":"score"}}',
    'UpdateItem (each item scanned) {"TableName":"users","Key":"<its key>","UpdateExpression":"SET #n1 = :v0","ConditionExpression":"attribute_exists(#n0) AND attribute_not_exists(#n1)","ExpressionAttributeNames":{"#n0":"id","#n1":"score"},"ExpressionAttributeValues":{":v0":{"N":"10"}}}',
    'PutItem {"TableName":"_tidemark_schema","Item":{"table":{"S":"users"},"definition":{"S":"<the table\'s columns, index flags and foreign keys, as JSON>"}}}',
  ]);
  assert.deepEqual(planOperation(op.createIndex('users', { name: 'idx_users_age', columns: ['age'] }), withUsers).steps.flatMap(renderStep).slice(1, 3), [
    'UpdateTable {"TableName":"users","AttributeDefinitions":[{"AttributeName":"age","AttributeType":"N"},{"AttributeName":"id","AttributeType":"S"}],"GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"idx_users_age","KeySchema":[{"AttributeName":"age","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]}',
    '-- wait until index idx_users_age of users is ACTIVE (DynamoDB back-fills it)',
  ]);
});
