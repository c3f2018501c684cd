// Test databases are isolated by region: DynamoDB Local, started without -sharedDb, keeps a
// separate set of tables per access key id and region (what the harness and these tests rely on).
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { op } from '@tidemark/core';
import { liveSkip, openLocal } from './__fixtures__/local.js';

describe('one DynamoDB Local, one database per region', { skip: Boolean(liveSkip()) }, () => {
  it('a table made in one region is not seen from another', async () => {
    const a = await openLocal();
    const b = await openLocal();
    try {
      await a.conn.withLock(() => a.conn.applier.apply(op.createTable({ name: 'only_here', columns: [{ name: 'id', type: 'uuid' }], primaryKey: ['id'] })));
      assert.deepEqual((await a.conn.introspect()).tables.map((t) => t.name), ['only_here']);
      assert.deepEqual((await b.conn.introspect()).tables, []);
      assert.deepEqual(await b.conn.history.list(), []);
    } finally {
      await a.conn.close();
      await b.conn.close();
    }
  });
});
