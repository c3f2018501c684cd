// Test helpers: a fresh SQLite file per test, and a step runner that applies an operation the
// way the migrator does (withLock + transaction) and compares the live schema with the reducer.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyOperation, comparableSnapshot, emptySnapshot, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';
import { connectSqlite } from '../connect.js';
import type { SqliteConnection } from '../connection.js';

export interface TempDb {
  readonly dir: string;
  readonly file: string;
  readonly url: string;
  readonly conn: SqliteConnection;
  /** What the operations applied so far say the schema is. */
  expected: SchemaSnapshot;
  cleanup(): Promise<void>;
}

export async function openTempDb(options: { lockTimeoutMs?: number } = {}): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), 'tidemark-sqlite-'));
  const file = join(dir, 'test.db');
  const url = `sqlite:${file}`;
  const conn = await connectSqlite(url, options);
  return {
    dir, file, url, conn, expected: emptySnapshot(),
    async cleanup() {
      await conn.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Applies `operation` as the migrator would and checks introspection against the reducer. */
export async function step(db: TempDb, operation: SchemaOperation): Promise<void> {
  await db.conn.withLock(() => db.conn.transaction(() => db.conn.applier.apply(operation)));
  db.expected = applyOperation(db.expected, operation);
  assert.deepStrictEqual(comparableSnapshot(await db.conn.introspect()), comparableSnapshot(db.expected));
}

/** Runs a query through the applier's `execute` and returns its rows. */
export async function query(db: TempDb, sql: string): Promise<Record<string, unknown>[]> {
  return (await db.conn.applier.execute(sql)) as Record<string, unknown>[];
}

/** Whether the connection enforces foreign keys now. */
export async function foreignKeysOn(db: TempDb): Promise<boolean> {
  const rows = await query(db, 'PRAGMA foreign_keys');
  return rows[0]?.foreign_keys === 1;
}
