// Each operation kind, applied on every backend: the live schema equals the model after each
// step (checked inside `apply`), and rows survive every alter, rename and rebuild.
import assert from 'node:assert/strict';
import { isTidemarkError, op, PORTABLE_TYPES, type ColumnSpec } from '@tidemark/core';
import { conformanceSuite } from './conformance.js';

const id: ColumnSpec = { name: 'id', type: 'i32', autoIncrement: true };
const users = op.createTable({
  name: 'users',
  columns: [id, { name: 'name', type: 'string', length: 40 }, { name: 'age', type: 'i32', nullable: true }],
  primaryKey: ['id'],
});
const seed = [
  { id: 1, name: 'ada', age: 36 },
  { id: 2, name: 'grace', age: null },
  { id: 3, name: "o'brien", age: 51 },
];

/** One column of every portable type, nullable or not, with and without defaults. */
const everyType: ColumnSpec[] = PORTABLE_TYPES.flatMap((type, i): ColumnSpec[] => {
  const extra = type === 'string' ? { length: 80 } : type === 'decimal' ? { precision: 12, scale: 3 } : type === 'enum' ? { values: ['red', "it's"] } : {};
  const defaults: Record<string, ColumnSpec['default']> = {
    i32: 7, i64: 9007199254740, f64: 1.5, decimal: 2.25, string: 'x', text: 'long', boolean: true,
    uuid: '00000000-0000-0000-0000-000000000000', date: { fn: 'now' }, timestamp: { fn: 'now' }, enum: 'red',
  };
  return [
    { name: `c${i}_${type}`, type, nullable: i % 2 === 0, ...extra },
    { name: `d${i}_${type}`, type, nullable: false, ...extra, ...(defaults[type] !== undefined ? { default: defaults[type] } : {}) },
  ];
});

await conformanceSuite('schema operations', [
  {
    name: 'createTable and dropTable, with every portable type',
    async run({ apply }) {
      await apply(op.createTable({ name: 'all_types', columns: [id, ...everyType], primaryKey: ['id'] }));
      await apply(op.dropTable('all_types'));
    },
  },
  {
    name: 'a composite key, indexes and a self-referencing foreign key in createTable',
    async run({ apply }) {
      await apply(op.createTable({
        name: 'nodes',
        columns: [{ name: 'tree', type: 'i32' }, { name: 'id', type: 'i32' }, { name: 'parent', type: 'i32', nullable: true }, { name: 'label', type: 'string' }],
        primaryKey: ['tree', 'id'],
        indexes: [{ name: 'idx_nodes_label', columns: ['label'], unique: true }, { name: 'idx_nodes_tree_parent', columns: ['tree', 'parent'] }],
        foreignKeys: [{ name: 'fk_nodes_parent', columns: ['tree', 'parent'], referencedTable: 'nodes', referencedColumns: ['tree', 'id'], onDelete: 'cascade' }],
      }));
    },
  },
  {
    name: 'addColumn (nullable, default, NOT NULL with backfill) keeps rows; the backfill is not a default',
    async run({ apply, insert, select }) {
      await apply(users);
      await insert('users', seed);
      await apply(
        op.addColumn('users', { name: 'bio', type: 'text', nullable: true }),
        op.addColumn('users', { name: 'active', type: 'boolean', default: true }),
        op.addColumn('users', { name: 'score', type: 'i32' }, { backfill: 10 }),
      );
      assert.deepStrictEqual(await select('users', ['id', 'name', 'bio', 'score'], 'id'), seed.map((r) => ({ id: r.id, name: r.name, bio: null, score: 10 })));
    },
  },
  {
    name: 'alterColumn: widen, lengthen, nullability and default, with rows',
    async run({ apply, select, insert }) {
      await apply(users);
      await insert('users', seed);
      await apply(
        op.alterColumn('users', 'age', { type: 'i64', nullable: true }),
        op.alterColumn('users', 'name', { type: 'string', length: 200, default: 'anon' }),
        op.alterColumn('users', 'name', { type: 'text' }),
      );
      assert.deepStrictEqual(await select('users', ['id', 'name', 'age'], 'id'), seed);
    },
  },
  {
    name: 'a NOT NULL change on a column holding NULLs fails with counts and changes nothing',
    async run({ apply, insert, select, connection }) {
      await apply(users);
      await insert('users', seed);
      await assert.rejects(
        connection.withLock(() => connection.transaction(() => connection.applier.apply(op.alterColumn('users', 'age', { type: 'i32' })))),
        (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 1,
      );
      assert.deepStrictEqual(await select('users', ['id', 'name', 'age'], 'id'), seed);
    },
  },
  {
    name: 'renameColumn and renameTable keep rows, indexes and foreign keys',
    async run({ apply, insert, select }) {
      await apply(users, op.createIndex('users', { name: 'idx_users_name', columns: ['name'] }));
      await apply(op.createTable({
        name: 'posts', columns: [id, { name: 'user_id', type: 'i32' }], primaryKey: ['id'],
        foreignKeys: [{ name: 'fk_posts_user_id', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'] }],
      }));
      await insert('users', seed);
      await insert('posts', [{ id: 1, user_id: 3 }]);
      await apply(op.renameColumn('users', 'name', 'full_name'), op.renameTable('users', 'people'), op.renameColumn('people', 'id', 'person_id'));
      assert.deepStrictEqual(await select('people', ['person_id', 'full_name'], 'person_id'), seed.map((r) => ({ person_id: r.id, full_name: r.name })));
      assert.deepStrictEqual(await select('posts', ['id', 'user_id'], 'id'), [{ id: 1, user_id: 3 }]);
    },
  },
  {
    name: 'dropColumn keeps the other values',
    async run({ apply, insert, select }) {
      await apply(users);
      await insert('users', seed);
      await apply(op.dropColumn('users', 'age'));
      assert.deepStrictEqual(await select('users', ['id', 'name'], 'id'), seed.map(({ id: i, name }) => ({ id: i, name })));
    },
  },
  {
    name: 'createIndex and dropIndex; a unique index over duplicates fails with counts and changes nothing',
    async run({ apply, insert, connection }) {
      await apply(users);
      await insert('users', [...seed, { id: 4, name: 'ada', age: 1 }]);
      await apply(op.createIndex('users', { name: 'idx_users_name_age', columns: ['name', 'age'] }));
      await assert.rejects(
        connection.withLock(() => connection.transaction(() => connection.applier.apply(op.createIndex('users', { name: 'idx_users_name', columns: ['name'], unique: true })))),
        // both rows that share 'ada' are counted
        (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 2,
      );
      await apply(op.dropIndex('users', 'idx_users_name_age'), op.createIndex('users', { name: 'idx_users_age', columns: ['age'], unique: true }));
    },
  },
  {
    name: 'alterPrimaryKey keeps rows',
    requires: ['alterPrimaryKey'],
    async run({ apply, insert, select }) {
      await apply(op.createTable({ name: 'pairs', columns: [{ name: 'a', type: 'i32' }, { name: 'b', type: 'i32' }], primaryKey: ['a'] }));
      await insert('pairs', [{ a: 1, b: 1 }, { a: 2, b: 1 }]);
      await apply(op.alterPrimaryKey('pairs', ['a', 'b']), op.alterPrimaryKey('pairs', ['b', 'a']));
      assert.deepStrictEqual(await select('pairs', ['a', 'b'], 'a'), [{ a: 1, b: 1 }, { a: 2, b: 1 }]);
    },
  },
  {
    name: 'a text column becomes boolean only when every value spells true or false',
    async run({ apply, insert, select, connection }) {
      await apply(op.createTable({ name: 'flags', columns: [{ name: 'id', type: 'i32' }, { name: 'v', type: 'text', nullable: true }], primaryKey: ['id'] }));
      await insert('flags', [{ id: 1, v: 'true' }, { id: 2, v: 'maybe' }, { id: 3, v: null }, { id: 4, v: '0' }]);
      await assert.rejects(
        connection.withLock(() => connection.transaction(() => connection.applier.apply(op.alterColumn('flags', 'v', { type: 'boolean', nullable: true })))),
        (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 1 && JSON.stringify(err.details.samples).includes('maybe'),
      );
      await connection.applier.execute("UPDATE flags SET v = 'false' WHERE id = 2");
      await apply(op.alterColumn('flags', 'v', { type: 'boolean', nullable: true }));
      assert.deepStrictEqual((await select('flags', ['id', 'v'], 'id')).map((r) => [r.id, r.v === null ? null : Boolean(r.v)]), [[1, true], [2, false], [3, null], [4, false]]);
    },
  },
  {
    name: 'a type change that would make values of a unique index repeat is refused with counts',
    async run({ apply, insert, connection }) {
      await apply(op.createTable({
        name: 'codes', columns: [{ name: 'id', type: 'i32' }, { name: 'code', type: 'string', length: 10 }], primaryKey: ['id'],
        indexes: [{ name: 'idx_codes_code', columns: ['code'], unique: true }],
      }));
      await insert('codes', [{ id: 1, code: 'yes' }, { id: 2, code: 'true' }, { id: 3, code: 'no' }]);
      await assert.rejects(
        connection.withLock(() => connection.transaction(() => connection.applier.apply(op.alterColumn('codes', 'code', { type: 'boolean' })))),
        (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 2,
      );
    },
  },
]);
