import assert from 'node:assert/strict';
import { test } from 'vitest';
import { isTidemarkError } from '../errors/tidemark-error.js';
import { op } from '../operation/op.js';
import type { Capabilities } from './capabilities.js';
import { checkCapabilities } from './check-capabilities.js';

const full: Capabilities = {
  transactionalDdl: true, nativeStatements: 'sql', foreignKeys: 'enforced', uniqueIndexes: 'enforced', autoIncrement: true, alterPrimaryKey: true,
};
const keyValue: Capabilities = { ...full, transactionalDdl: false, nativeStatements: 'sql', foreignKeys: 'none', uniqueIndexes: 'none', alterPrimaryKey: false, maxIndexesPerTable: 1 };
const table = (indexes: { name: string; columns: string[]; unique?: boolean }[]) =>
  op.createTable({ name: 't', columns: [{ name: 'a', type: 'i32' }, { name: 'b', type: 'i32' }], primaryKey: ['a'], indexes });

test('a backend with every capability accepts every step', () => {
  checkCapabilities('sqlite', full, [table([{ name: 'i', columns: ['b'], unique: true }]), op.alterPrimaryKey('t', ['b'])]);
});

test('steps a key-value store cannot do are refused with TM_UNSUPPORTED_OPERATION and a hint', () => {
  const refused = (ops: Parameters<typeof checkCapabilities>[2], what: RegExp) =>
    assert.throws(() => checkCapabilities('dynamodb', keyValue, ops), (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && what.test(err.message) && err.hint.length > 0);
  refused([op.alterPrimaryKey('t', ['b'])], /change the key of t/);
  refused([op.createIndex('t', { name: 'i', columns: ['b'], unique: true })], /unique index on t/);
  refused([table([{ name: 'i', columns: ['b'], unique: true }])], /unique index on t/);
  refused([table([{ name: 'i', columns: ['b'] }, { name: 'j', columns: ['a', 'b'] }])], /2 indexes on t \(at most 1 secondary indexes\)/);
  checkCapabilities('dynamodb', keyValue, [table([{ name: 'i', columns: ['b'] }]), op.createIndex('t', { name: 'j', columns: ['b'] })]);
});

test('an application-enforced unique index is accepted where the database cannot enforce one; an @Auto key is refused where there are no sequences', () => {
  const kv: Capabilities = { ...keyValue, autoIncrement: false, maxKeyColumns: 2, maxIndexColumns: 2, maxIndexesPerTable: 20 };
  checkCapabilities('dynamodb', kv, [
    table([{ name: 'i', columns: ['b'], unique: true, applicationEnforced: true } as never]),
    op.createIndex('t', { name: 'j', columns: ['a', 'b'], unique: true, applicationEnforced: true }),
  ]);
  const refused = (ops: Parameters<typeof checkCapabilities>[2], what: RegExp) =>
    assert.throws(() => checkCapabilities('dynamodb', kv, ops), (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && what.test(err.message) && err.hint.length > 0);
  refused([op.createTable({ name: 'u', columns: [{ name: 'id', type: 'i32', autoIncrement: true }], primaryKey: ['id'] })], /auto-increment column u\.id/);
  refused([op.addColumn('t', { name: 'n', type: 'i64', autoIncrement: true })], /auto-increment column t\.n/);
  refused([op.createTable({ name: 'k', columns: [{ name: 'a', type: 'i32' }, { name: 'b', type: 'i32' }, { name: 'c', type: 'i32' }], primaryKey: ['a', 'b', 'c'] })], /key of 3 columns \(a, b, c\) on k/);
  refused([op.createIndex('t', { name: 'wide', columns: ['a', 'b', 'a'] })], /index wide on t over 3 columns: dynamodb indexes have 1 to 2/);
  const named: Capabilities = { ...kv, objectNames: { pattern: '^[A-Za-z0-9_.-]{3,255}$', rule: '3 to 255 characters of A-Z, a-z, 0-9, _, - and .' } };
  assert.throws(() => checkCapabilities('dynamodb', named, [op.createTable({ name: 'my table', columns: [{ name: 'a', type: 'i32' }], primaryKey: ['a'] })]),
    (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && /name a table "my table"/.test(err.message));
  assert.throws(() => checkCapabilities('dynamodb', named, [op.renameTable('t', 'x')]), /name a table "x"/);
  assert.throws(() => checkCapabilities('dynamodb', named, [op.createIndex('t', { name: 'idx "q"', columns: ['a'] })]), /name a index|name an index|idx "q"/);
  checkCapabilities('dynamodb', named, [op.renameTable('t', 'new_t'), op.createIndex('t', { name: 'idx_t_a', columns: ['a'] })]);
  // the key-change refusal explains the copy it would need
  assert.throws(() => checkCapabilities('dynamodb', kv, [op.alterPrimaryKey('t', ['b'])]),
    (err) => isTidemarkError(err) && /copy every item/.test(err.hint) && /--no-target-check/.test(err.hint));
});

test('with the schema before the steps, an index on a type the backend cannot index is refused, also after a type change', () => {
  const kv: Capabilities = { ...keyValue, autoIncrement: false, maxIndexesPerTable: 20, indexableTypes: ['i32', 'string'] };
  const flags = op.createTable({ name: 'f', columns: [{ name: 'id', type: 'string' }, { name: 'on', type: 'boolean' }, { name: 'n', type: 'i32' }], primaryKey: ['id'] });
  const empty = { format: 'tidemark.snapshot', version: 2, tables: [] } as const;
  const refused = (ops: Parameters<typeof checkCapabilities>[2], what: RegExp) =>
    assert.throws(() => checkCapabilities('dynamodb', kv, ops, empty), (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && what.test(err.message));
  refused([flags, op.createIndex('f', { name: 'idx_f_on', columns: ['on'] })], /f\.on, a boolean column, in index idx_f_on/);
  refused([op.createTable({ name: 'g', columns: [{ name: 'id', type: 'string' }, { name: 'j', type: 'json' }], primaryKey: ['id'], indexes: [{ name: 'idx_g_j', columns: ['j'] }] })], /a json column/);
  refused([flags, op.createIndex('f', { name: 'idx_f_n', columns: ['n'] }), op.alterColumn('f', 'n', { type: 'f64' })], /f\.n, a f64 column, in index idx_f_n/);
  checkCapabilities('dynamodb', kv, [flags, op.createIndex('f', { name: 'idx_f_n', columns: ['n'] })], empty);
  // without the schema (a single operation out of context) only what the operation itself says is checked
  checkCapabilities('dynamodb', kv, [op.createIndex('f', { name: 'idx_f_on', columns: ['on'] })]);
});

test('DynamoDB\'s own rules come from flags too: a key is required, key types and key attribute names are limited, a table\'s index count is checked with the schema', () => {
  const ddb: Capabilities = {
    ...keyValue, autoIncrement: false, minKeyColumns: 1, maxKeyColumns: 2, maxIndexColumns: 2, maxIndexesPerTable: 1,
    indexableTypes: ['i32', 'string'], maxKeyNameBytes: 8,
    objectNames: { pattern: '^[a-z_]{3,}$', rule: '3 or more of a-z and _' },
  };
  const empty = { format: 'tidemark.snapshot', version: 2, tables: [] } as const;
  const refused = (ops: Parameters<typeof checkCapabilities>[2], what: RegExp, hint?: RegExp) =>
    assert.throws(() => checkCapabilities('dynamodb', ddb, ops, empty),
      (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && what.test(err.message) && (hint ?? /./).test(err.hint));
  const keyless = op.createTable({ name: 'kkk', columns: [{ name: 'a', type: 'i32' }], primaryKey: [] });
  refused([keyless], /create table kkk without a key/, /@Key\(\)/);
  refused([op.createTable({ name: 'kkk', columns: [{ name: 'on', type: 'boolean' }], primaryKey: ['on'] })], /kkk\.on, a boolean column, in the key of kkk/, /0\/1/);
  refused([op.createTable({ name: 'kkk', columns: [{ name: 'a_long_name', type: 'i32' }], primaryKey: ['a_long_name'] })], /key attribute names are at most 8 bytes/);
  refused([op.createTable({ name: 'kkk', columns: [{ name: 'a', type: 'i32' }], primaryKey: ['a'], indexes: [{ name: 'iii', columns: [] }] })], /over 0 columns/);
  refused([op.createTable({ name: 'a b', columns: [{ name: 'a', type: 'i32' }], primaryKey: ['a'] })], /table names are 3 or more of a-z and _/);
  const one = op.createTable({ name: 'kkk', columns: [{ name: 'a', type: 'i32' }, { name: 'b', type: 'i32' }], primaryKey: ['a'], indexes: [{ name: 'iii', columns: ['b'] }] });
  refused([one, op.createIndex('kkk', { name: 'jjj', columns: ['a'] })], /add index jjj: kkk would have 2 secondary indexes \(at most 1\)/);
  refused([one, op.renameColumn('kkk', 'b', 'b_longer_than_8')], /kkk\.b_longer_than_8 in index iii/);
  refused([one, op.alterColumn('kkk', 'a', { type: 'boolean' })], /kkk\.a, a boolean column, in the key of kkk/);
  refused([op.createIndex('kkk', { name: 'uuu', columns: ['a'], unique: true })], /unique index on kkk \(uuu\)/);
  // a column that is in no key or index may take any name and type
  checkCapabilities('dynamodb', ddb, [one, op.addColumn('kkk', { name: 'c', type: 'boolean' }), op.renameColumn('kkk', 'c', 'c_longer_than_8')], empty);
});
