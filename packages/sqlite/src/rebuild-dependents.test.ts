import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { op } from '@tidemark/core';
import { openTempDb, query, step, type TempDb } from './__fixtures__/harness.js';

let db: TempDb;

describe('a table rebuild keeps the views and triggers Tidemark does not model', () => {
  beforeEach(async () => {
    db = await openTempDb();
    await step(db, op.createTable({ name: 'users', primaryKey: ['id'], columns: [{ name: 'id', type: 'i32', autoIncrement: true }, { name: 'name', type: 'string', length: 10 }, { name: 'note', type: 'text', nullable: true }] }));
    await step(db, op.createTable({ name: 'audit', primaryKey: [], columns: [{ name: 'what', type: 'text' }] }));
    await db.conn.applier.execute('CREATE VIEW "user names" AS SELECT id, name FROM users');
    await db.conn.applier.execute("CREATE TRIGGER users_audit AFTER INSERT ON users BEGIN INSERT INTO audit (what) VALUES ('user ' || new.name); END");
    await db.conn.applier.execute("CREATE TRIGGER audit_guard BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows stay') WHERE (SELECT COUNT(*) FROM users) > 100; END");
  });
  afterEach(async () => db.cleanup());

  it('recreates them after the rebuild, working', async () => {
    await step(db, op.alterColumn('users', 'name', { type: 'text' }));
    await db.conn.applier.execute("INSERT INTO users (name) VALUES ('ann')");
    assert.deepEqual(await query(db, 'SELECT * FROM "user names"'), [{ id: 1, name: 'ann' }]);
    assert.deepEqual(await query(db, 'SELECT what FROM audit'), [{ what: 'user ann' }]);
    assert.deepEqual((await query(db, "SELECT name FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY name")).map((r) => r.name),
      ['audit_guard', 'user names', 'users_audit']);
  });

  it('fails with the view named, changing nothing, when a view does not work after the rebuild', async () => {
    // Rebuilds never remove a column, so only a view that was already broken gets here; without
    // this check SQLite's RENAME would fail on it anyway, with a vaguer message.
    await db.conn.applier.execute('CREATE VIEW broken AS SELECT id FROM gone');
    const before = await db.conn.introspect();
    await assert.rejects(step(db, op.alterColumn('users', 'name', { type: 'text' })),
      (err: { code: string; details: Record<string, unknown> }) => err.code === 'TM_BACKEND_ERROR' && err.details.view === 'broken');
    assert.deepEqual(await db.conn.introspect(), before);
    assert.equal((await query(db, "SELECT name FROM sqlite_master WHERE type IN ('view', 'trigger')")).length, 4);
  });

  it('an operation failing halfway inside withLock, without a transaction, leaves nothing behind', async () => {
    // the copy step runs out of room (no precheck can foresee a full disk): the new table exists by then
    await db.conn.applier.execute(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) INSERT INTO users (name, note) SELECT 'u' || i, printf('%.200c', 'x') FROM n`);
    const before = await db.conn.introspect();
    const [{ page_count: pages }] = (await db.conn.applier.execute('PRAGMA page_count')) as { page_count: number }[];
    await db.conn.applier.execute(`PRAGMA max_page_count = ${pages + 2}`);
    await assert.rejects(db.conn.withLock(() => db.conn.applier.apply(op.alterColumn('users', 'note', { type: 'string', length: 255, nullable: true }))),
      { code: 'TM_BACKEND_ERROR' });
    await db.conn.applier.execute('PRAGMA max_page_count = 1073741823');
    assert.deepEqual(await db.conn.introspect(), before);
    assert.equal((await query(db, "SELECT name FROM sqlite_master WHERE type IN ('view', 'trigger')")).length, 3);
    assert.equal((await query(db, "SELECT name FROM sqlite_master WHERE name LIKE '_tidemark_new_%'")).length, 0);
  });
});
