// A back-fill over more than one Scan page (1 MB each): every item gets the value, progress is
// reported as it goes, and items written meanwhile with their own value keep it.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { op, type ProgressEvent } from '@tidemark/core';
import type { DynamoConnection } from './connection.js';
import { liveSkip, openLocal } from './__fixtures__/local.js';

const ITEMS = 1200;
let conn: DynamoConnection;

describe('back-fill across Scan pages', { skip: Boolean(liveSkip()) }, () => {
  beforeAll(async () => {
    ({ conn } = await openLocal());
    await conn.withLock(() => conn.applier.apply(op.createTable({ name: 'docs', columns: [{ name: 'id', type: 'i64' }, { name: 'body', type: 'text' }], primaryKey: ['id'] })));
    // 1 KB bodies: 1,200 items are more than one 1 MB Scan page
    const body = 'x'.repeat(1000);
    for (let i = 0; i < ITEMS; i += 25) {
      const batch = Array.from({ length: 25 }, (_, k) => ({ PutRequest: { Item: { id: { N: String(i + k) }, body: { S: body } } } }));
      await conn.applier.execute({ command: 'BatchWriteItem', input: { RequestItems: { docs: batch } } });
    }
  });
  afterAll(async () => conn.close());

  it('fills every item and reports progress up to the total', async () => {
    const events: ProgressEvent[] = [];
    conn.applier.onProgress = (e) => events.push(e);
    await conn.withLock(() => conn.applier.apply(op.addColumn('docs', { name: 'version', type: 'i32' }, { backfill: 1 })));
    const dones = events.map((e) => e.done);
    assert.ok(dones.length >= 3, `progress events: ${JSON.stringify(dones)}`);
    assert.deepEqual(dones, [...dones].sort((a, b) => a - b), 'progress only grows');
    assert.equal(dones.at(-1), ITEMS);
    let filled = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = (await conn.applier.execute({
        command: 'Scan',
        input: { TableName: 'docs', Select: 'COUNT', FilterExpression: 'version = :v', ExpressionAttributeValues: { ':v': { N: '1' } }, ...(start ? { ExclusiveStartKey: start } : {}) },
      })) as { Count: number; LastEvaluatedKey?: Record<string, unknown> };
      filled += page.Count;
      start = page.LastEvaluatedKey;
    } while (start);
    assert.equal(filled, ITEMS);
  });
});
