// Index options (README: Models, "Index options") on every backend that can build them: each
// index is applied, read back from the database's own catalog (inside `apply`, compared with the
// model), enforced on rows, kept through a table rebuild, and dropped again (the down step).
// A backend that cannot build an option refuses it before anything changes.
import assert from 'node:assert/strict';
import { isTidemarkError, op, type Capabilities, type SchemaOperation } from '@tidemark/core';
import { conformanceSuite, type CaseContext } from './conformance.js';

const usersTable = op.createTable({
  name: 'users',
  columns: [
    { name: 'id', type: 'i32' },
    { name: 'email', type: 'string', length: 80 },
    { name: 'title', type: 'string', length: 80, nullable: true },
    { name: 'archived', type: 'i32', nullable: true },
    { name: 'seen', type: 'i32', nullable: true },
  ],
  primaryKey: ['id'],
});

/** Why `capabilities` cannot show a case needing these index options, or undefined. */
const needs = (...options: ('where' | 'expression' | 'descending' | 'nullsOrder' | 'operatorClasses' | 'gin')[]) => (c: Capabilities): string | undefined => {
  const can = c.indexOptions;
  const missing = options.filter((o) => (o === 'gin' ? !can?.methods.includes('gin') : !can?.[o]));
  return missing.length > 0 ? `no index option ${missing.join(', ')}` : undefined;
};

/** Applies `operation` as the migrator does, outside `apply` (for a step that must fail). */
const applyOne = (db: CaseContext, operation: SchemaOperation): Promise<void> =>
  db.connection.withLock(() => db.connection.transaction(() => db.connection.applier.apply(operation)));

await conformanceSuite('index options', [
  {
    name: 'a partial unique index allows duplicates outside its WHERE, survives a rebuild, and drops',
    unless: needs('where'),
    async run(db) {
      const { apply, insert, count, select } = db;
      await apply(usersTable);
      await insert('users', [
        { id: 1, email: 'a@x', title: null, archived: 1, seen: null },
        { id: 2, email: 'a@x', title: null, archived: 1, seen: null },
        { id: 3, email: 'a@x', title: null, archived: null, seen: null },
      ]);
      // the rows repeat 'a@x', but only one is outside the archive: the precheck counts that one
      await apply(op.createIndex('users', { name: 'idx_users_email_live', columns: ['email'], unique: true, where: 'archived IS NULL' }));
      await insert('users', [{ id: 4, email: 'a@x', title: null, archived: 2, seen: null }]);
      await assert.rejects(insert('users', [{ id: 5, email: 'a@x', title: null, archived: null, seen: null }]));
      // a column change (SQLite rebuilds the table) keeps the index and its predicate
      await apply(op.alterColumn('users', 'title', { type: 'string', length: 120, nullable: true }));
      await assert.rejects(insert('users', [{ id: 6, email: 'a@x', title: null, archived: null, seen: null }]));
      assert.equal(await count('users'), 4);
      await apply(op.dropIndex('users', 'idx_users_email_live'));
      await insert('users', [{ id: 7, email: 'a@x', title: null, archived: null, seen: null }]);
      assert.deepStrictEqual((await select('users', ['id'], 'id')).map((r) => r.id), [1, 2, 3, 4, 7]);
    },
  },
  {
    name: 'a unique partial index is refused before anything changes when rows inside its WHERE repeat',
    unless: needs('where'),
    async run(db) {
      await db.apply(usersTable);
      await db.insert('users', [
        { id: 1, email: 'a@x', title: null, archived: null, seen: null },
        { id: 2, email: 'a@x', title: null, archived: null, seen: null },
        { id: 3, email: 'a@x', title: null, archived: 1, seen: null },
      ]);
      await assert.rejects(
        applyOne(db, op.createIndex('users', { name: 'idx_users_email_live', columns: ['email'], unique: true, where: 'archived IS NULL' })),
        // the archived row is not counted
        (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 2,
      );
      assert.deepStrictEqual((await db.connection.introspect()).tables[0]!.indexes, []);
    },
  },
  {
    name: 'a unique expression index compares the expression (lower(email)), and drops',
    unless: needs('expression'),
    async run(db) {
      const { apply, insert, count } = db;
      await apply(usersTable);
      await insert('users', [{ id: 1, email: 'Ada@x', title: null, archived: null, seen: null }]);
      await apply(op.createIndex('users', { name: 'idx_users_lower_email', columns: [], expression: 'lower(email)', unique: true }));
      await assert.rejects(insert('users', [{ id: 2, email: 'ADA@x', title: null, archived: null, seen: null }]));
      await insert('users', [{ id: 3, email: 'bob@x', title: null, archived: null, seen: null }]);
      await apply(op.alterColumn('users', 'title', { type: 'string', length: 120, nullable: true }));
      await assert.rejects(insert('users', [{ id: 4, email: 'BOB@x', title: null, archived: null, seen: null }]));
      await apply(op.dropIndex('users', 'idx_users_lower_email'));
      await insert('users', [{ id: 4, email: 'BOB@x', title: null, archived: null, seen: null }]);
      assert.equal(await count('users'), 3);
    },
  },
  {
    name: 'descending key columns read back from the catalog',
    unless: needs('descending'),
    async run(db) {
      const { apply, insert, count } = db;
      await apply(usersTable);
      await insert('users', [{ id: 1, email: 'a@x', title: 't', archived: null, seen: 3 }]);
      await apply(op.createIndex('users', { name: 'idx_users_seen_email', columns: ['seen', 'email'], keyOptions: { seen: { order: 'desc' } } }));
      await apply(op.dropIndex('users', 'idx_users_seen_email'), op.createIndex('users', { name: 'idx_users_seen_email', columns: ['seen', 'email'], keyOptions: { email: { order: 'desc' } } }));
      assert.equal(await count('users'), 1);
      await apply(op.dropIndex('users', 'idx_users_seen_email'));
    },
  },
  {
    name: 'NULLS FIRST/LAST read back from the catalog',
    unless: needs('nullsOrder'),
    async run(db) {
      await db.apply(usersTable);
      await db.apply(op.createIndex('users', { name: 'idx_users_seen', columns: ['seen', 'archived'], keyOptions: { seen: { nulls: 'first' }, archived: { order: 'desc', nulls: 'last' } } }));
      await db.apply(op.dropIndex('users', 'idx_users_seen'));
    },
  },
  {
    name: 'a GIN index with an operator class (gin_trgm_ops, from the pg_trgm extension) serves a similarity search',
    unless: needs('gin', 'operatorClasses'),
    async run(db) {
      const { apply, insert, connection } = db;
      // the operator class comes with the extension: a migration creates it with db.execute (README)
      await connection.withLock(() => connection.applier.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm'));
      await apply(usersTable);
      await insert('users', [{ id: 1, email: 'a@x', title: 'migrations made simple', archived: null, seen: null }]);
      await apply(op.createIndex('users', { name: 'idx_users_title', columns: ['title'], using: 'gin', keyOptions: { title: { ops: 'gin_trgm_ops' } }, where: 'archived IS NULL' }));
      const rows = await connection.applier.execute("SELECT id FROM users WHERE title % 'migration made simple'") as { id: number }[];
      assert.deepStrictEqual(rows.map((r) => r.id), [1]);
      await apply(op.createIndex('users', { name: 'idx_users_seen_brin', columns: ['seen'], using: 'brin' }));
      await apply(op.createIndex('users', { name: 'idx_users_email_hash', columns: ['email'], using: 'hash' }));
      await apply(op.dropIndex('users', 'idx_users_title'), op.dropIndex('users', 'idx_users_seen_brin'), op.dropIndex('users', 'idx_users_email_hash'));
    },
  },
  {
    name: 'an index option the backend cannot build is refused naming the backend, before anything changes',
    unless: (c) => (c.indexOptions?.where ? 'it builds partial indexes' : undefined),
    async run(db) {
      await db.apply(usersTable);
      const before = await db.connection.introspect();
      await assert.rejects(
        applyOne(db, op.createIndex('users', { name: 'idx_users_email_live', columns: ['email'], where: 'archived IS NULL' })),
        (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && err.message.includes('partial') && err.message.startsWith(`${db.connection.dialect} cannot`),
      );
      assert.deepStrictEqual(await db.connection.introspect(), before);
    },
  },
]);
