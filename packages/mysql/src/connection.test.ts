import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { applyOperation, comparableSnapshot, isTidemarkError, op } from '@tidemark/core';
import { capabilities } from './capabilities.js';
import { connectMysql } from './connect.js';
import { SQL_MODE } from './session.js';
import { BASE_URL, openLiveDb, skipReason, step, type LiveDb } from './__fixtures__/live.js';

const skip = await skipReason();

describe('connecting', { skip: Boolean(skip) }, () => {
  it('fails with TM_BACKEND_ERROR and a hint for an unreachable server, a refused login and a missing database, never showing the password', async () => {
    const url = new URL(BASE_URL);
    const withPassword = (mutate: (u: URL) => void): string => { const u = new URL(url); u.password = 's3cret'; mutate(u); return u.toString(); };
    const expectError = async (target: string, hint: RegExp) => {
      await assert.rejects(connectMysql(target), (err) => {
        assert.ok(isTidemarkError(err, 'TM_BACKEND_ERROR'), String(err));
        assert.match(err.hint, hint);
        assert.doesNotMatch(`${err.message} ${err.hint} ${JSON.stringify(err.details)}`, /s3cret/);
        return true;
      });
    };
    await expectError(withPassword((u) => { u.port = '1'; }), /start the MySQL\/MariaDB server/);
    await expectError(withPassword((u) => { u.username = 'tidemark_nobody'; }), /check the user and password/);
    const missing = new URL(url);
    missing.pathname = '/tidemark_no_such_database';
    await expectError(missing.toString(), /CREATE DATABASE/);
  });
});

describe('a MySQL connection', { skip: Boolean(skip) }, () => {
  let db: LiveDb;
  beforeEach(async () => { db = await openLiveDb(); });
  afterEach(async () => db.cleanup());

  it('runs a strict, UTC, utf8mb4 session whatever the server defaults to', async () => {
    const [row] = (await db.conn.applier.execute('SELECT @@SESSION.sql_mode AS mode, @@SESSION.time_zone AS tz, @@SESSION.collation_connection AS coll')) as Record<string, string>[];
    assert.deepEqual({ ...row, mode: row!.mode!.split(',').sort() }, { mode: SQL_MODE.split(',').sort(), tz: '+00:00', coll: 'utf8mb4_bin' });
    assert.equal(db.conn.isLocal, true);
    assert.ok(['mysql', 'mariadb'].includes(db.conn.server.flavor));
    await step(db, op.createTable({ name: 't', columns: [{ name: 'id', type: 'i32' }, { name: 's', type: 'string', length: 3 }], primaryKey: ['id'] }));
    await assert.rejects(db.conn.applier.execute("INSERT INTO t VALUES (1, 'too long')"), (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && err.details.mysqlCode === 'ER_DATA_TOO_LONG');
  });

  it('execute runs hand-written SQL: rows of a query, the result of a write, and scripts statement by statement', async () => {
    await step(db, op.createTable({ name: 't', columns: [{ name: 'id', type: 'i32' }, { name: 's', type: 'string', length: 20, nullable: true }], primaryKey: ['id'] }));
    assert.deepEqual(await db.conn.applier.execute("INSERT INTO t VALUES (1, 'a;b'), (2, '?')"), { affectedRows: 2, insertId: 0 });
    assert.deepEqual(await db.conn.applier.execute("UPDATE t SET s = 'x;y' WHERE id = 1; -- a comment; still one\nDELETE FROM t WHERE id = 2;"),
      [{ affectedRows: 1, insertId: 0 }, { affectedRows: 1, insertId: 0 }]);
    assert.deepEqual(await db.conn.applier.execute('SELECT id, s FROM t'), [{ id: 1, s: 'x;y' }]);
    await assert.rejects(db.conn.applier.execute('SELECT * FROM missing'),
      (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && err.details.statement === 'SELECT * FROM missing' && err.details.op === 'execute');
  });

  it('keeps the history, upserting by id, with times as given', async () => {
    assert.deepEqual(await db.conn.history.list(), []);
    await db.conn.history.remove('nothing yet');
    const record = { id: '20250101_000000_a', checksum: 'abc', appliedAt: '2025-01-17T12:00:00.123Z', executionMs: 12, appliedBy: 'me@host', outcome: 'applied' as const };
    await db.conn.history.save(record);
    await db.conn.history.save({ ...record, id: '20250102_000000_b', outcome: 'failed', stepsApplied: 2, error: "it's broken" });
    await db.conn.history.save({ ...record, checksum: 'def' });
    assert.deepEqual(await db.conn.history.list(), [
      { ...record, checksum: 'def' },
      { ...record, id: '20250102_000000_b', outcome: 'failed', stepsApplied: 2, error: "it's broken" },
    ]);
    await db.conn.history.remove('20250101_000000_a');
    assert.deepEqual((await db.conn.history.list()).map((r) => r.id), ['20250102_000000_b']);
    assert.deepEqual((await db.conn.introspect()).tables, [], 'the history table is not part of the schema');
  });

  it('dropAll drops every table, foreign keys and history included', async () => {
    await step(db, op.createTable({ name: 'a', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] }));
    await step(db, op.createTable({ name: 'b', columns: [{ name: 'id', type: 'i32' }, { name: 'a_id', type: 'i32' }], primaryKey: ['id'],
      foreignKeys: [{ name: 'fk_b_a_id', columns: ['a_id'], referencedTable: 'a', referencedColumns: ['id'] }] }));
    await db.conn.history.ensure();
    await db.conn.dropAll();
    assert.deepEqual(await db.sql("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"), []);
    assert.deepEqual(await db.sql('SELECT @@SESSION.foreign_key_checks AS f'), [{ f: 1 }]);
  });

  it('introspection leaves out the index InnoDB made for a foreign key, whoever made the table', async () => {
    await db.conn.applier.execute('CREATE TABLE p (id INT NOT NULL, PRIMARY KEY (id)) ENGINE=InnoDB');
    await db.conn.applier.execute('CREATE TABLE c (id INT NOT NULL, p_id INT NULL, PRIMARY KEY (id), CONSTRAINT fk_c_p FOREIGN KEY (p_id) REFERENCES p (id)) ENGINE=InnoDB');
    const c = (await db.conn.introspect()).tables.find((t) => t.name === 'c')!;
    assert.deepEqual(c.indexes, []);
    assert.deepEqual(c.foreignKeys.map((f) => f.name), ['fk_c_p']);
    assert.deepEqual((await db.sql<{ n: string }>("SELECT INDEX_NAME AS n FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'c' AND INDEX_NAME <> 'PRIMARY'")).map((r) => r.n), ['fk_c_p']);
  });

  it('keeps the helper index of a foreign key exactly while no index of the model covers the key', async () => {
    const helpers = async () => (await db.sql<{ n: string }>("SELECT DISTINCT INDEX_NAME AS n FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'kids' ORDER BY n")).map((r) => r.n);
    await step(db, op.createTable({ name: 'parents', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] }));
    await step(db, op.createTable({ name: 'kids', columns: [{ name: 'id', type: 'i32' }, { name: 'pid', type: 'i32' }], primaryKey: ['id'],
      foreignKeys: [{ name: 'fk_kids_pid', columns: ['pid'], referencedTable: 'parents', referencedColumns: ['id'] }] }));
    assert.deepEqual(await helpers(), ['fk_kids_pid', 'PRIMARY']);
    await step(db, op.createIndex('kids', { name: 'idx_kids_pid', columns: ['pid', 'id'] }));
    assert.deepEqual(await helpers(), ['idx_kids_pid', 'PRIMARY']);
    await step(db, op.dropIndex('kids', 'idx_kids_pid'));
    assert.deepEqual(await helpers(), ['fk_kids_pid', 'PRIMARY']);
    await step(db, op.alterPrimaryKey('kids', ['pid', 'id']));
    assert.deepEqual(await helpers(), ['PRIMARY']);
    await step(db, op.alterPrimaryKey('kids', ['id']));
    assert.deepEqual(await helpers(), ['fk_kids_pid', 'PRIMARY']);
    await step(db, op.dropForeignKey('kids', 'fk_kids_pid'));
    assert.deepEqual(await helpers(), ['PRIMARY']);
  });

  it('transaction cannot roll DDL back: a refused operation changes nothing, the ones before it stay', async () => {
    await step(db, op.createTable({ name: 'parents', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] }));
    await step(db, op.createTable({ name: 'kids', columns: [{ name: 'id', type: 'i32' }, { name: 'n', type: 'string', length: 10 }], primaryKey: ['id'] }));
    await db.conn.applier.execute("INSERT INTO parents VALUES (1); INSERT INTO kids VALUES (1, 'a'), (2, 'b')");
    const added = op.addColumn('kids', { name: 'parent_id', type: 'i32' }, { backfill: 7 });
    await assert.rejects(db.conn.withLock(() => db.conn.transaction(async () => {
      await db.conn.applier.apply(added);
      await db.conn.applier.apply(op.addForeignKey('kids', { name: 'fk_kids_parent_id', columns: ['parent_id'], referencedTable: 'parents', referencedColumns: ['id'] }));
    })), (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 2);
    db.expected = applyOperation(db.expected, added);
    assert.deepStrictEqual(comparableSnapshot(await db.conn.introspect()), comparableSnapshot(db.expected));
    assert.deepEqual(await db.sql('SELECT id, n, parent_id FROM kids ORDER BY id'), [{ id: 1, n: 'a', parent_id: 7 }, { id: 2, n: 'b', parent_id: 7 }]);
  });

  it('render gives what --dry-run prints, in the names MySQL stores', async () => {
    const long = `t_${'x'.repeat(80)}`;
    const [sql] = db.conn.applier.render(op.createTable({ name: long, columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] }), { format: 'tidemark.snapshot', version: 1, tables: [] });
    assert.match(sql!, /^CREATE TABLE `t_x{53}_[0-9a-f]{8}` \(/);
    assert.equal(capabilities.maxIdentifierLength, 64);
  });
});
