import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import type { HistoryRecord } from '@tidemark/core';
import { openTempDb, SKIP, type TempDb } from './__fixtures__/live-db.js';
import { connectPostgres } from './connect.js';

const record = (id: string, extra: Partial<HistoryRecord> = {}): HistoryRecord => ({
  id, checksum: `sum-${id}`, appliedAt: '2025-01-17T12:00:00.123Z', executionMs: 12, appliedBy: 'ada@host', outcome: 'applied', ...extra,
});

describe('_tidemark_migrations', { skip: Boolean(SKIP) }, () => {
  let db: TempDb;
  beforeEach(async () => { db = await openTempDb(); });
  afterEach(async () => db.cleanup());

  it('lists nothing before it exists; ensure is idempotent and the table is not introspected', async () => {
    assert.deepEqual(await db.conn.history.list(), []);
    await db.conn.history.remove('nope');
    await db.conn.history.ensure();
    await db.conn.history.ensure();
    assert.deepEqual(await db.conn.history.list(), []);
    assert.deepEqual((await db.conn.introspect()).tables, []);
  });

  it('saves, replaces (upsert), lists in id order and removes records, round-tripping every field', async () => {
    await db.conn.history.save(record('20250117_130000_b'));
    await db.conn.history.save(record('20250117_120000_a', { outcome: 'failed', stepsApplied: 2, error: "it's broken" }));
    assert.deepEqual(await db.conn.history.list(), [
      record('20250117_120000_a', { outcome: 'failed', stepsApplied: 2, error: "it's broken" }),
      record('20250117_130000_b'),
    ]);
    await db.conn.history.save(record('20250117_120000_a', { checksum: 'new', executionMs: 99.6 }));
    const [a] = await db.conn.history.list();
    assert.deepEqual(a, record('20250117_120000_a', { checksum: 'new', executionMs: 100 }));
    await db.conn.history.remove('20250117_120000_a');
    assert.deepEqual((await db.conn.history.list()).map((r) => r.id), ['20250117_130000_b']);
  });

  it('two runs creating it at once both succeed', async () => {
    const others = await Promise.all([1, 2, 3].map(() => connectPostgres(db.url())));
    try {
      await Promise.all(others.map((c) => c.history.ensure()));
      assert.deepEqual(await others[0]!.history.list(), []);
    } finally {
      await Promise.all(others.map((c) => c.close()));
    }
  });
});
