import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { isTidemarkError, op } from '@tidemark/core';
import { createDatabase, openTempDb, SKIP, step, type TempDb } from './__fixtures__/live-db.js';
import { connectPostgres } from './connect.js';
import { capabilities, postgresBackend } from './index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

describe('capabilities', () => {
  it('are what PostgreSQL can do', () => {
    assert.deepEqual(capabilities, {
      transactionalDdl: true, nativeStatements: 'sql',
      foreignKeys: 'enforced', uniqueIndexes: 'enforced', autoIncrement: true, alterPrimaryKey: true, maxIdentifierLength: 63,
      arrayItems: ['i32', 'i64', 'f64', 'decimal', 'string', 'text', 'boolean', 'uuid', 'date', 'timestamp', 'enum'],
      indexOptions: { where: true, expression: true, methods: ['hash', 'gin', 'gist', 'brin'], operatorClasses: true, descending: true, nullsOrder: true },
      checkConstraints: true,
    });
    assert.equal(postgresBackend.capabilities, capabilities);
    assert.equal(postgresBackend.dialect, 'postgres');
  });

  it('the package, its capabilities, URLs and dialect work without pg; connect says to install it', () => {
    const output = execFileSync(process.execPath,
      ['--conditions=source', '--import', fixture('no-driver.mjs'), '--import', 'tsx', fixture('without-driver.ts')], { cwd: ROOT, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(output), {
      maxIdentifierLength: 63, schema: 'app', rendered: ['DROP TABLE "t"'],
      connect: { code: 'TM_BACKEND_MISSING', hint: 'npm install pg' },
    });
  });

  it('connect refuses a bad URL before loading anything', async () => {
    await assert.rejects(postgresBackend.connect('postgres://u:s3cret@h/db?shema=x'), (err) => isTidemarkError(err, 'TM_URL_INVALID') && !err.message.includes('s3cret'));
  });
});

describe('connectPostgres', { skip: Boolean(SKIP) }, () => {
  let db: TempDb;
  beforeEach(async () => { db = await openTempDb(); });
  afterEach(async () => db.cleanup());

  it('reports the target without the password, and whether it is local', async () => {
    const url = db.url().replace('postgres://postgres@', 'postgres://postgres:s3cret@');
    const conn = await connectPostgres(url);
    try {
      assert.equal(conn.target.includes('s3cret'), false);
      assert.match(conn.target, /:\*\*\*@/);
      assert.equal(conn.isLocal, true);
      assert.equal(conn.dialect, 'postgres');
    } finally {
      await conn.close();
      await conn.close();
    }
  });

  it('manages the schema of ?schema=: created if missing, the only one introspected, its own history', async () => {
    const app = await connectPostgres(db.url('?schema=App%20Data'));
    try {
      await app.withLock(() => app.transaction(() => app.applier.apply(op.createTable({ name: 'orders', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] }))));
      await app.history.save({ id: 'm1', checksum: 'c', appliedAt: new Date().toISOString(), executionMs: 1, appliedBy: 't', outcome: 'applied' });
      await step(db, op.createTable({ name: 'orders', columns: [{ name: 'other', type: 'text' }], primaryKey: [] }));
      assert.deepEqual((await app.introspect()).tables.map((t) => [t.name, t.columns.map((c) => c.name)]), [['orders', ['id']]]);
      assert.deepEqual((await db.conn.introspect()).tables.map((t) => [t.name, t.columns.map((c) => c.name)]), [['orders', ['other']]]);
      assert.deepEqual(await db.conn.history.list(), []);
      assert.deepEqual(await db.sql(`SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = 'App Data' ORDER BY 2`),
        [{ table_schema: 'App Data', table_name: '_tidemark_migrations' }, { table_schema: 'App Data', table_name: 'orders' }]);
      // dropAll empties only its schema, history included
      await app.dropAll();
      assert.deepEqual((await app.introspect()).tables, []);
      assert.deepEqual(await app.history.list(), []);
      assert.equal((await db.conn.introspect()).tables.length, 1);
    } finally {
      await app.close();
    }
  });

  it('dropAll drops every table, foreign keys between them included, and the history', async () => {
    await step(db,
      op.createTable({ name: 'a', columns: [{ name: 'id', type: 'i32' }, { name: 'b_id', type: 'i32', nullable: true }], primaryKey: ['id'] }),
      op.createTable({ name: 'b', columns: [{ name: 'id', type: 'i32' }, { name: 'a_id', type: 'i32' }], primaryKey: ['id'],
        foreignKeys: [{ name: 'fk_b_a', columns: ['a_id'], referencedTable: 'a', referencedColumns: ['id'] }] }),
      op.addForeignKey('a', { name: 'fk_a_b', columns: ['b_id'], referencedTable: 'b', referencedColumns: ['id'] }));
    await db.conn.history.save({ id: 'm1', checksum: 'c', appliedAt: new Date().toISOString(), executionMs: 1, appliedBy: 't', outcome: 'applied' });
    await db.conn.dropAll();
    assert.deepEqual((await db.conn.introspect()).tables, []);
    assert.deepEqual(await db.sql("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"), [{ n: 0 }]);
    await db.conn.dropAll();
  });

  it('execute returns rows for a query, a count for a write, nothing for a script', async () => {
    await db.conn.applier.execute('CREATE TABLE t (n bigint)');
    assert.deepEqual(await db.conn.applier.execute('INSERT INTO t VALUES (1), (9007199254740993)'), { changes: 2 });
    assert.deepEqual(await db.conn.applier.execute('SELECT n FROM t ORDER BY n'), [{ n: 1 }, { n: '9007199254740993' }]);
    assert.equal(await db.conn.applier.execute('UPDATE t SET n = n + 1; DELETE FROM t WHERE n > 100'), undefined);
    assert.deepEqual(await db.conn.applier.execute('SELECT count(*) AS n FROM t'), [{ n: 1 }]);
    await assert.rejects(db.conn.applier.execute('SELEC 1'), (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && err.details.sqlState === '42601' && err.details.statement === 'SELEC 1');
  });

  it('reports a missing database and an unreachable server as TM_BACKEND_ERROR with a hint', async () => {
    await assert.rejects(connectPostgres(db.url().replace(db.name, `${db.name}_missing`)),
      (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && err.details.sqlState === '3D000' && /createdb/.test(err.hint));
    await assert.rejects(connectPostgres('postgres://u:s3cret@127.0.0.1:1/db?connect_timeout=2'),
      (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && /check that PostgreSQL runs/.test(err.hint) && !err.message.includes('s3cret') && !err.hint.includes('s3cret'));
  });

  it('converts timestamps and dates in UTC and ISO format, whatever the database defaults to', async () => {
    await db.sql(`ALTER DATABASE "${db.name}" SET TimeZone = 'Asia/Tokyo'`);
    await db.sql(`ALTER DATABASE "${db.name}" SET DateStyle = 'SQL, DMY'`);
    const conn = await connectPostgres(db.url());
    try {
      assert.deepEqual(await conn.applier.execute('SHOW TimeZone'), [{ TimeZone: 'UTC' }]);
      await conn.withLock(() => conn.transaction(() => conn.applier.apply(op.createTable({
        name: 'times', primaryKey: ['id'],
        columns: [{ name: 'id', type: 'i32' }, { name: 'at', type: 'timestamp' }, { name: 'on', type: 'date' }],
      }))));
      await conn.applier.execute("INSERT INTO times VALUES (1, '2024-02-29 23:30:00+00', '2024-02-29')");
      await conn.withLock(() => conn.transaction(async () => {
        await conn.applier.apply(op.alterColumn('times', 'at', { type: 'text' }));
        await conn.applier.apply(op.alterColumn('times', 'on', { type: 'string', length: 20 }));
      }));
      assert.deepEqual(await db.sql('SELECT "at", "on" FROM times'), [{ at: '2024-02-29 23:30:00+00', on: '2024-02-29' }]);
    } finally {
      await conn.close();
    }
  });

  it('a second database on the server does not see this one', async () => {
    const other = await createDatabase();
    try {
      const conn = await connectPostgres(other.url());
      await step(db, op.createTable({ name: 'mine', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] }));
      assert.deepEqual((await conn.introspect()).tables, []);
      await conn.close();
    } finally {
      await other.drop();
    }
  });
});
