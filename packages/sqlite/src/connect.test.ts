import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { connectSqlite } from './connect.js';
import { sqliteBackend } from './index.js';

describe('connectSqlite', () => {
  it('resolves a relative path against cwd, creates the file and enforces foreign keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidemark-sqlite-'));
    try {
      const conn = await connectSqlite('sqlite:./sub.db', { cwd: dir });
      assert.equal(existsSync(join(dir, 'sub.db')), true);
      assert.equal(conn.target, 'sqlite:./sub.db');
      assert.deepEqual(await conn.applier.execute('PRAGMA foreign_keys'), [{ foreign_keys: 1 }]);
      await conn.close();
      await conn.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('readOnly never creates the file (a missing one reads as empty) and opens an existing one without write access', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidemark-sqlite-'));
    try {
      const missing = await connectSqlite('sqlite:./missing.db', { cwd: dir, readOnly: true });
      assert.deepEqual(await missing.history.list(), []);
      assert.deepEqual((await missing.introspect()).tables, []);
      assert.equal(missing.target, 'sqlite:./missing.db');
      await missing.close();
      assert.equal(existsSync(join(dir, 'missing.db')), false);

      const writer = await connectSqlite('sqlite:./app.db', { cwd: dir });
      await writer.applier.execute('CREATE TABLE t (x INTEGER)');
      await writer.close();
      const reader = await connectSqlite('sqlite:./app.db', { cwd: dir, readOnly: true });
      assert.deepEqual((await reader.introspect()).tables.map((t) => t.name), ['t']);
      assert.deepEqual(await reader.history.list(), []);
      await assert.rejects(reader.applier.execute('CREATE TABLE u (x INTEGER)'), /readonly/i);
      await reader.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('readOnly reads a database whose writer was killed mid-transaction (a hot journal is rolled back first)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidemark-sqlite-'));
    try {
      const writer = await connectSqlite('sqlite:./app.db', { cwd: dir });
      await writer.applier.execute('CREATE TABLE t (x TEXT)');
      await writer.close();
      // a process that dies with SIGKILL inside a transaction whose pages already spilled to the
      // file (a tiny cache): it leaves app.db-journal hot, as a killed `migrate:up` does
      const script = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(join(dir, 'app.db'))});
        db.pragma('cache_size = 5'); db.exec('BEGIN'); const s = db.prepare('INSERT INTO t VALUES (?)');
        for (let i = 0; i < 2000; i++) s.run('x'.repeat(100)); process.kill(process.pid, 'SIGKILL');`;
      const killed = spawnSync(process.execPath, ['-e', script], { cwd: dirname(fileURLToPath(import.meta.url)) });
      assert.equal(killed.signal, 'SIGKILL', String(killed.stderr));
      assert.equal(existsSync(join(dir, 'app.db-journal')), true, 'the killed writer left its journal');

      const reader = await connectSqlite('sqlite:./app.db', { cwd: dir, readOnly: true });
      assert.deepEqual(await reader.applier.execute('SELECT count(*) AS n FROM t'), [{ n: 0 }], 'the dead transaction is not seen');
      assert.deepEqual((await reader.introspect()).tables.map((t) => t.name), ['t']);
      await reader.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens a private in-memory database', async () => {
    const a = await sqliteBackend.connect('sqlite::memory:');
    const b = await sqliteBackend.connect('sqlite::memory:');
    await a.applier.execute('CREATE TABLE t (x)');
    assert.equal((await b.introspect()).tables.length, 0);
    await a.close();
    await b.close();
  });

  it('reports a file it cannot open as TM_BACKEND_ERROR', async () => {
    await assert.rejects(connectSqlite('sqlite:/nonexistent-dir/x/y.db'), { code: 'TM_BACKEND_ERROR' });
  });
});
