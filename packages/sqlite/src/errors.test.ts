import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { op } from '@tidemark/core';
import { openTempDb, step, type TempDb } from './__fixtures__/harness.js';
import { translateSqliteError } from './errors.js';

let db: TempDb;

describe('native errors become TM_BACKEND_ERROR', () => {
  beforeEach(async () => { db = await openTempDb(); });
  afterEach(async () => db.cleanup());

  it('from hand-written SQL, with op, statement and sqliteCode', async () => {
    await assert.rejects(db.conn.applier.execute('SELEC 1'), (err: { code: string; details: Record<string, unknown>; cause: unknown }) => {
      assert.equal(err.code, 'TM_BACKEND_ERROR');
      assert.deepEqual({ op: err.details.op, statement: err.details.statement, sqliteCode: err.details.sqliteCode }, { op: 'execute', statement: 'SELEC 1', sqliteCode: 'SQLITE_ERROR' });
      assert.equal((err.cause as Error).name, 'SqliteError');
      return true;
    });
  });

  it('from a statement of an operation, naming the operation', async () => {
    // a full database half-way through a rebuild: no precheck can see that coming
    await step(db, op.createTable({ name: 't', primaryKey: [], columns: [{ name: 'flag', type: 'text', nullable: true }] }));
    await db.conn.applier.execute(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) INSERT INTO t SELECT printf('%.200c', 'x') FROM n`);
    const [{ page_count: pages }] = (await db.conn.applier.execute('PRAGMA page_count')) as { page_count: number }[];
    await db.conn.applier.execute(`PRAGMA max_page_count = ${pages + 2}`);
    await assert.rejects(db.conn.applier.apply(op.alterColumn('t', 'flag', { type: 'string', length: 255, nullable: true })),
      (err: { code: string; details: Record<string, unknown> }) => {
        assert.equal(err.code, 'TM_BACKEND_ERROR');
        assert.equal(err.details.op, 'alterColumn');
        assert.equal(err.details.sqliteCode, 'SQLITE_FULL');
        assert.match(String(err.details.statement), /^INSERT INTO "_tidemark_new_t"/);
        return true;
      });
    await db.conn.applier.execute('PRAGMA max_page_count = 1073741823');
    assert.equal((await db.conn.introspect()).tables[0]!.columns[0]!.type, 'text', 'rolled back');
  });

  it('scripts of several statements and plain writes run through execute', async () => {
    assert.equal(await db.conn.applier.execute('CREATE TABLE x (a); INSERT INTO x VALUES (1);'), undefined);
    assert.deepEqual(await db.conn.applier.execute('INSERT INTO x VALUES (2)'), { changes: 1, lastInsertRowid: 2 });
    await assert.rejects(db.conn.applier.execute({ insert: 'x' }), { code: 'TM_UNSUPPORTED_OPERATION' });
  });

  it('anything thrown is translated; a TidemarkError passes through', () => {
    const e = translateSqliteError(new TypeError('The database connection is not open'), { op: 'introspect' });
    assert.equal(e.code, 'TM_BACKEND_ERROR');
    assert.equal(translateSqliteError(e), e);
  });

  it('a missing better-sqlite3 is TM_BACKEND_MISSING with the install command', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const hooks = fileURLToPath(new URL('./__fixtures__/no-driver.mjs', import.meta.url));
    const script = fileURLToPath(new URL('./__fixtures__/connect-without-driver.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', '--import', hooks, script], { cwd: root, encoding: 'utf8' });
    const out = JSON.parse(r.stdout.trim()) as { code: string; hint: string; details: Record<string, unknown> };
    assert.equal(out.code, 'TM_BACKEND_MISSING');
    assert.equal(out.hint, 'npm install better-sqlite3');
  });
});
