import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { connectSqlite } from './connect.js';
import { openTempDb, type TempDb } from './__fixtures__/harness.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HOLDER = fileURLToPath(new URL('./__fixtures__/hold-lock.ts', import.meta.url));

let db: TempDb;

/** Starts a child process that holds the lock for `holdMs`; resolves once it has it. */
async function holdLockInChild(url: string, holdMs: number): Promise<ChildProcess> {
  // A child process, since better-sqlite3 waits synchronously: in one process the waiting
  // connection would block the event loop the holder needs to finish.
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', HOLDER, url, String(holdMs)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString(); if (out.includes('locked')) resolve(); });
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code} before taking the lock`)));
  });
  return child;
}

describe('withLock serialises runs across processes', () => {
  beforeEach(async () => { db = await openTempDb(); });
  afterEach(async () => db.cleanup());

  it('a second connection waits for the first to commit, then sees its history', async () => {
    const child = await holdLockInChild(db.url, 1200);
    const exited = once(child, 'exit');
    const conn = await connectSqlite(db.url, { lockTimeoutMs: 20_000 });
    try {
      const started = Date.now();
      const ids = await conn.withLock(async () => (await conn.history.list()).map((r) => r.id));
      const waited = Date.now() - started;
      assert.deepEqual(ids, ['child'], 'the history is read after the holder committed');
      assert.ok(waited >= 300, `waited ${waited} ms`);
    } finally {
      await conn.close();
    }
    const [code] = await exited;
    assert.equal(code, 0);
  });

  it('gives up with TM_LOCK_TIMEOUT after the busy timeout, leaving foreign keys on', async () => {
    const child = await holdLockInChild(db.url, 2500);
    const exited = once(child, 'exit');
    const conn = await connectSqlite(db.url, { lockTimeoutMs: 200 });
    try {
      await assert.rejects(conn.withLock(async () => assert.fail('must not run')), { code: 'TM_LOCK_TIMEOUT' });
      assert.deepEqual(await conn.applier.execute('PRAGMA foreign_keys'), [{ foreign_keys: 1 }]);
    } finally {
      await conn.close();
    }
    await exited;
  });

  it('releases the lock when fn throws, and a nested withLock just runs', async () => {
    await assert.rejects(db.conn.withLock(async () => { throw new Error('boom'); }), /boom/);
    assert.equal(await db.conn.withLock(() => db.conn.withLock(async () => 42)), 42);
    const other = await connectSqlite(db.url, { lockTimeoutMs: 100 });
    try {
      assert.equal(await other.withLock(async () => 'free'), 'free');
    } finally {
      await other.close();
    }
  });

  it('reads TIDEMARK_LOCK_TIMEOUT_MS', async () => {
    const { lockTimeoutFromEnv, DEFAULT_LOCK_TIMEOUT_MS } = await import('./connect.js');
    assert.equal(lockTimeoutFromEnv({ TIDEMARK_LOCK_TIMEOUT_MS: '1500' }), 1500);
    assert.equal(lockTimeoutFromEnv({}), DEFAULT_LOCK_TIMEOUT_MS);
    assert.equal(lockTimeoutFromEnv({ TIDEMARK_LOCK_TIMEOUT_MS: 'soon' }), DEFAULT_LOCK_TIMEOUT_MS);
  });
});
