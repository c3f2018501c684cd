import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { applyOperations, emptySnapshot, op, type SchemaSnapshot } from '@tidemark/core';
import { requiresRebuild } from './in-place.js';
import { renderOperation } from './render-operation.js';

const users = op.createTable({
  name: 'users',
  columns: [
    { name: 'id', type: 'i32', autoIncrement: true },
    { name: 'email', type: 'string', length: 255 },
    { name: 'active', type: 'boolean', default: true },
  ],
  primaryKey: ['id'],
  indexes: [{ name: 'idx_users_email', columns: ['email'], unique: true }],
});
const posts = op.createTable({
  name: 'posts',
  columns: [{ name: 'id', type: 'i64', autoIncrement: true }, { name: 'author_id', type: 'i32' }, { name: 'title', type: 'text', nullable: true }],
  primaryKey: ['id'],
  foreignKeys: [{ name: 'fk_posts_author_id', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' }],
});
const base: SchemaSnapshot = applyOperations(emptySnapshot(), [users, posts]);

const USERS_COLUMNS = [
  '"id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL',
  '"email" VARCHAR(255) NOT NULL',
  '"active" BOOLEAN NOT NULL DEFAULT 1 CHECK ("active" IN (0, 1))',
];

describe('renderOperation (SQLite)', () => {
  it('createTable: CREATE TABLE with inline auto key, then its indexes', () => {
    assert.deepEqual(renderOperation(users, emptySnapshot()), [
      `CREATE TABLE "users" (\n  ${USERS_COLUMNS.join(',\n  ')}\n)`,
      'CREATE UNIQUE INDEX "idx_users_email" ON "users" ("email")',
    ]);
  });

  it('createTable: i64 auto key keeps its type in a comment; named foreign keys', () => {
    assert.deepEqual(renderOperation(posts, applyOperations(emptySnapshot(), [users])), [
      'CREATE TABLE "posts" (\n'
      + '  "id" INTEGER /* tidemark:i64 */ PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
      + '  "author_id" INTEGER NOT NULL,\n'
      + '  "title" TEXT,\n'
      + '  CONSTRAINT "fk_posts_author_id" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION\n'
      + ')',
    ]);
  });

  it('createTable: composite key as a table constraint, enum and defaults', () => {
    const t = op.createTable({
      name: 'order', columns: [
        { name: 'a', type: 'i32' }, { name: 'b', type: 'string', length: 10 },
        { name: 'status', type: 'enum', values: ['new', "it's"], default: 'new' },
        { name: 'at', type: 'timestamp', default: { fn: 'now' } }, { name: 'on', type: 'date', nullable: true, default: { fn: 'now' } },
        { name: 'price', type: 'decimal', precision: 10, scale: 2, default: -1.5 },
      ], primaryKey: ['a', 'b'],
    });
    assert.deepEqual(renderOperation(t, emptySnapshot()), [
      'CREATE TABLE "order" (\n'
      + '  "a" INTEGER NOT NULL,\n'
      + '  "b" VARCHAR(10) NOT NULL,\n'
      + `  "status" TEXT NOT NULL DEFAULT 'new' CHECK ("status" IN ('new', 'it''s')),\n`
      + '  "at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n'
      + '  "on" DATE DEFAULT CURRENT_DATE,\n'
      + '  "price" NUMERIC(10,2) NOT NULL DEFAULT -1.5,\n'
      + '  PRIMARY KEY ("a", "b")\n'
      + ')',
    ]);
  });

  it('createTable refuses an auto-increment column that is not the whole key', () => {
    const t = op.createTable({ name: 't', columns: [{ name: 'a', type: 'i32', autoIncrement: true }, { name: 'b', type: 'i32' }], primaryKey: ['a', 'b'] });
    assert.throws(() => renderOperation(t, emptySnapshot()), { code: 'TM_UNSUPPORTED_OPERATION' });
  });

  it('dropTable, renameTable, renameColumn, createIndex, dropIndex', () => {
    assert.deepEqual(renderOperation(op.dropTable('posts'), base), ['DROP TABLE "posts"']);
    assert.deepEqual(renderOperation(op.renameTable('users', 'select'), base), ['ALTER TABLE "users" RENAME TO "select"']);
    assert.deepEqual(renderOperation(op.renameColumn('users', 'email', 'e "mail"'), base), ['ALTER TABLE "users" RENAME COLUMN "email" TO "e ""mail"""']);
    assert.deepEqual(renderOperation(op.createIndex('posts', { name: 'idx posts', columns: ['author_id', 'title'] }), base),
      ['CREATE INDEX "idx posts" ON "posts" ("author_id", "title")']);
    assert.deepEqual(renderOperation(op.dropIndex('users', 'idx_users_email'), base), ['DROP INDEX "idx_users_email"']);
  });

  it('addColumn in place, with a back-fill UPDATE for a nullable column', () => {
    assert.deepEqual(renderOperation(op.addColumn('users', { name: 'café', type: 'text', nullable: true }), base),
      ['ALTER TABLE "users" ADD COLUMN "café" TEXT']);
    assert.deepEqual(renderOperation(op.addColumn('users', { name: 'admin', type: 'boolean', default: false }), base),
      ['ALTER TABLE "users" ADD COLUMN "admin" BOOLEAN NOT NULL DEFAULT 0 CHECK ("admin" IN (0, 1))']);
    assert.deepEqual(renderOperation(op.addColumn('users', { name: 'n', type: 'i32', nullable: true }, { backfill: 7 }), base),
      ['ALTER TABLE "users" ADD COLUMN "n" INTEGER', 'UPDATE "users" SET "n" = 7']);
  });

  it('addColumn NOT NULL with a back-fill rebuilds, copying the back-fill but not keeping it as default', () => {
    const sql = renderOperation(op.addColumn('users', { name: 'flag', type: 'boolean' }, { backfill: true }), base);
    assert.equal(sql[0], `CREATE TABLE "_tidemark_new_users" (\n  ${[...USERS_COLUMNS, '"flag" BOOLEAN NOT NULL CHECK ("flag" IN (0, 1))'].join(',\n  ')}\n)`);
    assert.equal(sql[1], 'INSERT INTO "_tidemark_new_users" ("id", "email", "active", "flag") SELECT "id", "email", "active", 1 FROM "users"');
  });

  it('addColumn with a CURRENT_TIMESTAMP default rebuilds (ADD COLUMN refuses it)', () => {
    const o = op.addColumn('users', { name: 'at', type: 'timestamp', default: { fn: 'now' } });
    assert.equal(requiresRebuild(o, base), true);
    assert.equal(renderOperation(o, base)[1], 'INSERT INTO "_tidemark_new_users" ("id", "email", "active") SELECT "id", "email", "active" FROM "users"');
  });

  it('dropColumn in place', () => {
    assert.deepEqual(renderOperation(op.dropColumn('posts', 'title'), base), ['ALTER TABLE "posts" DROP COLUMN "title"']);
  });

  it('alterColumn rebuilds with a conversion', () => {
    assert.deepEqual(renderOperation(op.alterColumn('posts', 'title', { type: 'i32', nullable: true }), base), [
      'CREATE TABLE "_tidemark_new_posts" (\n'
      + '  "id" INTEGER /* tidemark:i64 */ PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
      + '  "author_id" INTEGER NOT NULL,\n'
      + '  "title" INTEGER,\n'
      + '  CONSTRAINT "fk_posts_author_id" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION\n'
      + ')',
      'INSERT INTO "_tidemark_new_posts" ("id", "author_id", "title") SELECT "id", "author_id", CAST("title" AS INTEGER) FROM "posts"',
      `DELETE FROM sqlite_sequence WHERE name = '_tidemark_new_posts'`,
      `INSERT INTO sqlite_sequence (name, seq) SELECT '_tidemark_new_posts', seq FROM sqlite_sequence WHERE name = 'posts'`,
      'DROP TABLE "posts"',
      'ALTER TABLE "_tidemark_new_posts" RENAME TO "posts"',
    ]);
  });

  it('alterPrimaryKey, addForeignKey and dropForeignKey rebuild and recreate indexes', () => {
    const pk = renderOperation(op.alterPrimaryKey('posts', ['author_id', 'id']), applyOperations(base, [op.alterColumn('posts', 'id', { type: 'i64' })]));
    assert.match(pk[0]!, /\n  PRIMARY KEY \("author_id", "id"\),\n  CONSTRAINT "fk_posts_author_id"/);
    const drop = renderOperation(op.dropForeignKey('posts', 'fk_posts_author_id'), base);
    assert.doesNotMatch(drop[0]!, /FOREIGN KEY/);
    const add = renderOperation(op.addForeignKey('users', { name: 'fk_self', columns: ['id'], referencedTable: 'users', referencedColumns: ['id'] }), base);
    assert.match(add[0]!, /CONSTRAINT "fk_self" FOREIGN KEY \("id"\) REFERENCES "users" \("id"\) ON DELETE NO ACTION ON UPDATE NO ACTION/);
    assert.equal(add.at(-1), 'CREATE UNIQUE INDEX "idx_users_email" ON "users" ("email")');
  });

  it('execute passes SQL through and refuses documents', () => {
    assert.deepEqual(renderOperation(op.execute('UPDATE users SET active = 0'), base), ['UPDATE users SET active = 0']);
    assert.throws(() => renderOperation(op.execute({ find: 'x' }), base), { code: 'TM_UNSUPPORTED_OPERATION' });
  });

  it('refuses a step that does not fit the schema before it', () => {
    assert.throws(() => renderOperation(op.dropTable('nope'), base), { code: 'TM_MIGRATION_INVALID' });
    assert.throws(() => renderOperation(op.dropTable('users'), base), { code: 'TM_MIGRATION_INVALID' });
  });
});
