import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import type { HistoryRecord } from '@tidemark/core';
import { openTempDb, query, type TempDb } from './__fixtures__/harness.js';

let db: TempDb;

const applied: HistoryRecord = { id: '20250117_120000_b', checksum: 'abc', appliedAt: '2025-01-17T12:00:00.000Z', executionMs: 12, appliedBy: 'me@host', outcome: 'applied' };
const failed: HistoryRecord = { id: '20250117_110000_a', checksum: 'def', appliedAt: '2025-01-17T11:00:00.000Z', executionMs: 3, appliedBy: 'me@host', outcome: 'failed', stepsApplied: 2, error: 'boom' };

describe('SqliteHistory (_tidemark_migrations)', () => {
  beforeEach(async () => { db = await openTempDb(); });
  afterEach(async () => db.cleanup());

  it('lists nothing before the table exists; ensure is idempotent', async () => {
    assert.deepEqual(await db.conn.history.list(), []);
    await db.conn.history.remove('nothing');
    await db.conn.history.ensure();
    await db.conn.history.ensure();
    assert.deepEqual(await db.conn.history.list(), []);
  });

  it('save, list in id order, replace, remove', async () => {
    await db.conn.history.ensure();
    await db.conn.history.save(applied);
    await db.conn.history.save(failed);
    assert.deepEqual(await db.conn.history.list(), [failed, applied]);
    const repaired = { ...failed, outcome: 'applied', checksum: 'ghi' } as const;
    const { stepsApplied: _s, error: _e, ...clean } = repaired;
    await db.conn.history.save(clean);
    assert.deepEqual(await db.conn.history.list(), [clean, applied]);
    await db.conn.history.remove(failed.id);
    assert.deepEqual(await db.conn.history.list(), [applied]);
  });

  it('has the documented columns and is not introspected', async () => {
    await db.conn.history.ensure();
    const cols = await query(db, "SELECT name, type, pk FROM pragma_table_info('_tidemark_migrations')");
    assert.deepEqual(cols.map((c) => c.name), ['id', 'checksum', 'applied_at', 'execution_ms', 'applied_by', 'outcome', 'steps_applied', 'failed_step', 'error']);
    assert.deepEqual((await db.conn.introspect()).tables, []);
  });
});
