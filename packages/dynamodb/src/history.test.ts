import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import type { HistoryRecord } from '@tidemark/core';
import type { DynamoConnection } from './connection.js';
import { liveSkip, openLocal } from './__fixtures__/local.js';
import { HISTORY_TABLE } from './tracking-tables.js';

let conn: DynamoConnection;

const applied: HistoryRecord = { id: '20250117_120000_b', checksum: 'abc', appliedAt: '2025-01-17T12:00:00.000Z', executionMs: 12, appliedBy: 'me@host', outcome: 'applied' };
const failed: HistoryRecord = { id: '20250117_110000_a', checksum: 'def', appliedAt: '2025-01-17T11:00:00.000Z', executionMs: 3, appliedBy: 'me@host', outcome: 'failed', stepsApplied: 2, error: 'boom' };

describe('DynamoHistory (_tidemark_migrations)', { skip: Boolean(liveSkip()) }, () => {
  beforeEach(async () => { ({ conn } = await openLocal()); });
  afterEach(async () => conn.close());

  it('lists nothing before the table exists; ensure is idempotent', async () => {
    assert.deepEqual(await conn.history.list(), []);
    await conn.history.remove('nothing');
    await conn.history.ensure();
    await conn.history.ensure();
    assert.deepEqual(await conn.history.list(), []);
  });

  it('save, list in id order, replace, remove', async () => {
    await conn.history.save(applied);
    await conn.history.save(failed);
    assert.deepEqual(await conn.history.list(), [failed, applied]);
    const { stepsApplied: _s, error: _e, ...repaired } = { ...failed, outcome: 'applied' as const, checksum: 'ghi' };
    await conn.history.save(repaired);
    assert.deepEqual(await conn.history.list(), [repaired, applied]);
    await conn.history.remove(failed.id);
    assert.deepEqual(await conn.history.list(), [applied]);
  });

  it('keeps the documented fields as attributes and is not introspected', async () => {
    await conn.history.save(failed);
    const out = (await conn.applier.execute({ command: 'GetItem', input: { TableName: HISTORY_TABLE, Key: { id: { S: failed.id } } } })) as { Item: Record<string, unknown> };
    assert.deepEqual(Object.keys(out.Item).sort(), ['appliedAt', 'appliedBy', 'checksum', 'error', 'executionMs', 'id', 'outcome', 'stepsApplied']);
    assert.deepEqual((await conn.introspect()).tables, []);
  });
});
