import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { PgClient, PgQuery, PgResult } from './driver.js';
import { PgExecutor } from './executor.js';
import { withTransaction } from './transaction.js';

/** A client that records each message it is sent; a statement containing FAIL fails. */
function fakeClient() {
  const sent: string[] = [];
  const client: PgClient = {
    connect: async () => undefined,
    end: async () => undefined,
    on: () => undefined,
    async query(q: PgQuery): Promise<PgResult | PgResult[]> {
      sent.push(q.values ? `${q.text} ${JSON.stringify(q.values)}` : q.text);
      if (q.text.includes('FAIL')) throw Object.assign(new Error('boom'), { code: '42601' });
      const results = q.text.split(';\n').map((s): PgResult => ({ command: s.split(' ')[0]!, rowCount: 0, rows: [], fields: [] }));
      return results.length === 1 ? results[0]! : results;
    },
  };
  return { client, sent };
}

function setup() {
  const { client, sent } = fakeClient();
  const executor = new PgExecutor(client);
  const state = { depth: 0 };
  const operation = (...statements: string[]) => withTransaction(executor, state, async () => {
    for (const s of statements) await executor.run(s);
  }, { deferRelease: true });
  return { executor, state, sent, operation };
}

describe('transaction control travels with the next statement', () => {
  it('sends BEGIN, SAVEPOINT and RELEASE with the statements, and COMMIT alone', async () => {
    const { executor, state, sent, operation } = setup();
    await withTransaction(executor, state, async () => {
      await operation('CREATE TABLE a', 'CREATE INDEX a1');
      await operation('CREATE TABLE b');
    });
    assert.deepEqual(sent, [
      'BEGIN;\nSAVEPOINT "tidemark_1";\nCREATE TABLE a',
      'CREATE INDEX a1',
      'RELEASE SAVEPOINT "tidemark_1";\nSAVEPOINT "tidemark_1";\nCREATE TABLE b',
      'COMMIT',
    ]);
    assert.equal(state.depth, 0);
  });

  it('sends nothing for a transaction or savepoint in which nothing ran', async () => {
    const { executor, state, sent, operation } = setup();
    await withTransaction(executor, state, async () => {
      await operation();
    });
    await assert.rejects(withTransaction(executor, state, async () => { throw new Error('before any statement'); }), /before any/);
    assert.deepEqual(sent, []);
  });

  it('rolls back to the savepoint once it was sent, and only then', async () => {
    const { executor, state, sent, operation } = setup();
    await withTransaction(executor, state, async () => {
      await operation('CREATE TABLE a');
      // the error names the statement, not the transaction control sent with it
      await assert.rejects(operation('CREATE TABLE FAIL'), (err: { details?: { statement?: unknown } }) => err.details?.statement === 'CREATE TABLE FAIL');
      await assert.rejects(withTransaction(executor, state, async () => { throw new Error('nothing sent'); }), /nothing sent/);
      await operation('CREATE TABLE c');
    });
    assert.deepEqual(sent, [
      'BEGIN;\nSAVEPOINT "tidemark_1";\nCREATE TABLE a',
      'RELEASE SAVEPOINT "tidemark_1";\nSAVEPOINT "tidemark_1";\nCREATE TABLE FAIL',
      'ROLLBACK TO SAVEPOINT "tidemark_1"',
      'SAVEPOINT "tidemark_1";\nCREATE TABLE c',
      'COMMIT',
    ]);
  });

  it('sends deferred statements on their own before a parameterised query or hand-written SQL', async () => {
    const { executor, state, sent, operation } = setup();
    await withTransaction(executor, state, async () => {
      await operation('CREATE TABLE a');
      await executor.all('SELECT $1::int AS n', [1]);
      await operation('CREATE TABLE b');
      await executor.execute('UPDATE b SET x = 1; UPDATE b SET y = 2');
    });
    assert.deepEqual(sent, [
      'BEGIN;\nSAVEPOINT "tidemark_1";\nCREATE TABLE a',
      'RELEASE SAVEPOINT "tidemark_1";\n',
      'SELECT $1::int AS n [1]',
      'SAVEPOINT "tidemark_1";\nCREATE TABLE b',
      'RELEASE SAVEPOINT "tidemark_1";\n',
      'UPDATE b SET x = 1; UPDATE b SET y = 2',
      'COMMIT',
    ]);
  });

  it("releases a caller's savepoint at once, so an error it swallowed surfaces there", async () => {
    const { executor, state, sent } = setup();
    await withTransaction(executor, state, async () => {
      await withTransaction(executor, state, async () => { await executor.run('CREATE TABLE a'); });
      await executor.run('CREATE TABLE b');
    });
    assert.deepEqual(sent, ['BEGIN;\nSAVEPOINT "tidemark_1";\nCREATE TABLE a', 'RELEASE SAVEPOINT "tidemark_1"', 'CREATE TABLE b', 'COMMIT']);
  });
});
