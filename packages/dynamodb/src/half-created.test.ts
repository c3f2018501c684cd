// A run killed between CreateTable and Tidemark's metadata leaves a table introspection cannot
// see; the next run's createTable must finish that step, not fail on it for good (found by the
// crash test). Any other table of that name stays refused.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { CreateTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { isTidemarkError, op, type TableSnapshot } from '@tidemark/core';
import { createTableInput } from './table-definition.js';
import { liveSkip, openLocal, rawClient } from './__fixtures__/local.js';

const table: TableSnapshot = {
  name: 'half_made', model: '', primaryKey: ['id'], indexes: [], foreignKeys: [],
  columns: [{ name: 'id', type: 'uuid', nullable: false }, { name: 'note', type: 'string', length: 40, nullable: true }],
};

describe('a table left half-created by a killed run', { skip: Boolean(liveSkip()) }, () => {
  it('is adopted when it is exactly what the step makes and empty: the step finishes', async () => {
    const { url, conn } = await openLocal();
    const raw = rawClient(url);
    try {
      await raw.send(new CreateTableCommand(createTableInput(table)));
      assert.deepEqual((await conn.introspect()).tables, [], 'without metadata the table is not Tidemark\'s yet');
      await conn.withLock(() => conn.applier.apply(op.createTable(table)));
      assert.deepEqual((await conn.introspect()).tables.map((t) => t.name), ['half_made']);
    } finally {
      raw.destroy();
      await conn.close();
    }
  });

  it('is still refused when it holds items (it may not be the step\'s)', async () => {
    const { url, conn } = await openLocal();
    const raw = rawClient(url);
    try {
      await raw.send(new CreateTableCommand(createTableInput(table)));
      await raw.send(new PutItemCommand({ TableName: 'half_made', Item: { id: { S: 'someone-elses' } } }));
      await assert.rejects(conn.withLock(() => conn.applier.apply(op.createTable(table))), (err) => isTidemarkError(err) && /preexisting|exists|in use/i.test(err.message));
    } finally {
      raw.destroy();
      await conn.close();
    }
  });
});
