import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { op } from '@tidemark/core';
import { openTempDb, query, step, type TempDb } from './__fixtures__/harness.js';

let db: TempDb;

const users = op.createTable({
  name: 'users',
  columns: [
    { name: 'id', type: 'i32', autoIncrement: true },
    { name: 'email', type: 'string', length: 100 },
    { name: 'score', type: 'i32', nullable: true },
    { name: 'role', type: 'enum', values: ['admin', 'member'], default: 'member' },
  ],
  primaryKey: ['id'],
  indexes: [{ name: 'idx_users_email', columns: ['email'], unique: true }],
});
const posts = op.createTable({
  name: 'posts',
  columns: [{ name: 'id', type: 'i64', autoIncrement: true }, { name: 'user_id', type: 'i32' }, { name: 'title', type: 'text', nullable: true }],
  primaryKey: ['id'],
  indexes: [{ name: 'idx_posts_user_id', columns: ['user_id'] }],
  foreignKeys: [{ name: 'fk_posts_user_id', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' }],
});

async function seed(): Promise<void> {
  await step(db, users);
  await step(db, posts);
  await db.conn.applier.execute(`INSERT INTO users (email, score, role) VALUES ('a@x', 10, 'admin'), ('b@x', NULL, 'member'), ('c@x', 30, 'member')`);
  await db.conn.applier.execute(`INSERT INTO posts (user_id, title) VALUES (1, 'one'), (1, 'two'), (2, 'three')`);
}

const userRows = async (cols = 'id, email'): Promise<unknown[]> => query(db, `SELECT ${cols} FROM users ORDER BY id`);
const postRows = async (): Promise<unknown[]> => query(db, 'SELECT id, user_id, title FROM posts ORDER BY id');

describe('SQLite operations: apply, introspect, compare with applyOperation; rows survive', () => {
  beforeEach(async () => {
    db = await openTempDb();
    await seed();
  });
  afterEach(async () => db.cleanup());

  it('createTable and dropTable', async () => {
    await step(db, op.createTable({ name: 'tags', columns: [{ name: 'name', type: 'string', length: 20 }], primaryKey: ['name'] }));
    await step(db, op.dropTable('tags'));
  });

  it('renameTable keeps rows, indexes and the foreign keys pointing at it', async () => {
    await step(db, op.renameTable('users', 'people'));
    assert.deepEqual(await query(db, 'SELECT id, email FROM people ORDER BY id'), [{ id: 1, email: 'a@x' }, { id: 2, email: 'b@x' }, { id: 3, email: 'c@x' }]);
    assert.equal((await postRows()).length, 3);
  });

  it('addColumn: nullable, with default, NOT NULL with back-fill (rebuild), CURRENT_TIMESTAMP default (rebuild)', async () => {
    await step(db, op.addColumn('users', { name: 'bio', type: 'text', nullable: true }));
    await step(db, op.addColumn('users', { name: 'active', type: 'boolean', default: true }));
    await step(db, op.addColumn('users', { name: 'level', type: 'i32' }, { backfill: 3 }));
    await step(db, op.addColumn('users', { name: 'joined', type: 'timestamp', default: { fn: 'now' } }));
    await step(db, op.addColumn('users', { name: 'note', type: 'string', length: 10, nullable: true }, { backfill: 'n/a' }));
    const rows = await query(db, 'SELECT id, email, bio, active, level, joined, note FROM users ORDER BY id');
    assert.equal(rows.length, 3);
    for (const r of rows) {
      assert.equal(r.bio, null);
      assert.equal(r.active, 1);
      assert.equal(r.level, 3);
      assert.equal(r.note, 'n/a');
      assert.match(String(r.joined), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    }
    assert.equal((await postRows()).length, 3, 'the users rebuild kept the child rows');
  });

  it('addColumn NOT NULL without default or back-fill fails the precheck on a table with rows', async () => {
    await assert.rejects(step(db, op.addColumn('users', { name: 'x', type: 'i32' })), { code: 'TM_PRECHECK_FAILED' });
  });

  it('dropColumn in place, and a dropped column does not take the rows', async () => {
    await step(db, op.dropColumn('users', 'score'));
    assert.deepEqual(await userRows(), [{ id: 1, email: 'a@x' }, { id: 2, email: 'b@x' }, { id: 3, email: 'c@x' }]);
    await step(db, op.dropColumn('users', 'role'));
    await step(db, op.dropColumn('posts', 'title'));
    assert.equal((await query(db, 'SELECT id FROM posts')).length, 3);
  });

  it('alterColumn: type, nullability, default, length and enum values, with conversion', async () => {
    await step(db, op.alterColumn('users', 'score', { type: 'text', nullable: true }));
    assert.deepEqual(await userRows('id, score'), [{ id: 1, score: '10' }, { id: 2, score: null }, { id: 3, score: '30' }]);
    await step(db, op.alterColumn('users', 'score', { type: 'i64', nullable: true, default: 0 }));
    assert.deepEqual(await userRows('id, score'), [{ id: 1, score: 10 }, { id: 2, score: null }, { id: 3, score: 30 }]);
    await step(db, op.alterColumn('users', 'email', { type: 'string', length: 255 }));
    await step(db, op.alterColumn('users', 'role', { type: 'enum', values: ['admin', 'member', 'guest'], default: 'guest' }));
    await step(db, op.alterColumn('users', 'score', { type: 'decimal', precision: 10, scale: 2, nullable: true }));
    await db.conn.applier.execute('UPDATE users SET score = 0 WHERE score IS NULL');
    await step(db, op.alterColumn('users', 'score', { type: 'f64' }));
    assert.deepEqual(await userRows('id, email, role, score'), [
      { id: 1, email: 'a@x', role: 'admin', score: 10 }, { id: 2, email: 'b@x', role: 'member', score: 0 }, { id: 3, email: 'c@x', role: 'member', score: 30 },
    ]);
    assert.equal((await postRows()).length, 3);
  });

  it('alterColumn keeps the AUTOINCREMENT high-water mark', async () => {
    await db.conn.applier.execute('DELETE FROM posts WHERE id = 3');
    await step(db, op.alterColumn('posts', 'title', { type: 'string', length: 50, nullable: true }));
    await db.conn.applier.execute(`INSERT INTO posts (user_id, title) VALUES (3, 'four')`);
    assert.deepEqual((await query(db, "SELECT id FROM posts WHERE title = 'four'"))[0], { id: 4 });
  });

  it('renameColumn keeps values and updates indexes, keys and foreign keys pointing at it', async () => {
    await step(db, op.renameColumn('users', 'id', 'user id'));
    await step(db, op.renameColumn('users', 'role', 'kind'));
    await step(db, op.renameColumn('posts', 'user_id', 'author'));
    assert.deepEqual(await query(db, 'SELECT "user id", kind FROM users ORDER BY 1'), [
      { 'user id': 1, kind: 'admin' }, { 'user id': 2, kind: 'member' }, { 'user id': 3, kind: 'member' },
    ]);
    await assert.rejects(db.conn.applier.execute("UPDATE users SET kind = 'nope'"), { code: 'TM_BACKEND_ERROR' }, 'the enum CHECK followed the rename');
  });

  it('alterPrimaryKey rebuilds and keeps rows', async () => {
    await step(db, op.createTable({ name: 'memberships', columns: [{ name: 'a', type: 'i32' }, { name: 'b', type: 'i32' }], primaryKey: ['a'] }));
    await db.conn.applier.execute('INSERT INTO memberships VALUES (1, 1), (2, 1)');
    await step(db, op.alterPrimaryKey('memberships', ['a', 'b']));
    await step(db, op.alterPrimaryKey('memberships', ['b', 'a']));
    assert.deepEqual(await query(db, 'SELECT a, b FROM memberships ORDER BY a'), [{ a: 1, b: 1 }, { a: 2, b: 1 }]);
  });

  it('createIndex and dropIndex', async () => {
    await step(db, op.createIndex('users', { name: 'idx_users_role_score', columns: ['role', 'score'] }));
    await step(db, op.createIndex('posts', { name: 'idx_posts_title', columns: ['title'], unique: true }));
    await step(db, op.dropIndex('users', 'idx_users_role_score'));
    await step(db, op.dropIndex('users', 'idx_users_email'));
  });

  it('addForeignKey and dropForeignKey rebuild and keep rows', async () => {
    await step(db, op.dropForeignKey('posts', 'fk_posts_user_id'));
    assert.equal((await postRows()).length, 3);
    await step(db, op.addForeignKey('posts', { name: 'fk_posts_user', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'cascade' }));
    assert.equal((await postRows()).length, 3);
    await db.conn.applier.execute('UPDATE users SET score = 4 - id WHERE score IS NOT NULL');
    await step(db, op.addForeignKey('users', { name: 'fk_self', columns: ['score'], referencedTable: 'users', referencedColumns: ['id'] }));
  });

  it('apply outside withLock is atomic on its own and leaves foreign keys on', async () => {
    await db.conn.applier.apply(op.alterColumn('users', 'email', { type: 'text' }));
    assert.equal((await postRows()).length, 3);
    assert.deepEqual(await query(db, 'PRAGMA foreign_keys'), [{ foreign_keys: 1 }]);
  });

  it('dropAll drops every table and the history', async () => {
    await db.conn.history.ensure();
    await db.conn.dropAll();
    assert.deepEqual(await query(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"), []);
    assert.deepEqual((await db.conn.introspect()).tables, []);
    assert.deepEqual(await query(db, 'PRAGMA foreign_keys'), [{ foreign_keys: 1 }]);
  });

  it('dropAll inside withLock', async () => {
    await db.conn.withLock(() => db.conn.dropAll());
    assert.deepEqual((await db.conn.introspect()).tables, []);
  });

  it('render matches what apply runs, for --dry-run', async () => {
    const o = op.alterColumn('users', 'score', { type: 'i64', nullable: true });
    const sql = db.conn.applier.render(o, db.expected);
    assert.equal(sql[0]!.startsWith('CREATE TABLE "_tidemark_new_users"'), true);
    assert.equal(sql.at(-1), 'CREATE UNIQUE INDEX "idx_users_email" ON "users" ("email")');
  });
});
