// The statement timeout on MongoDB is `maxTimeMS`, added only to the commands that take it; every
// command reaches --verbose with its duration.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { StatementTrace } from '@tidemark/core';
import type { MongoCommandRunner } from './command-runner.js';
import type { Document } from './document.js';
import { LimitedCommandRunner, withMaxTime } from './limited-runner.js';

describe('LimitedCommandRunner', () => {
  it('adds maxTimeMS to reads, never to writes or DDL, and keeps one the command already has', () => {
    assert.deepEqual(withMaxTime({ find: 'users', filter: {} }, 2500), { find: 'users', filter: {}, maxTimeMS: 2500 });
    assert.deepEqual(withMaxTime({ aggregate: 'users', pipeline: [], cursor: {} }, 2500), { aggregate: 'users', pipeline: [], cursor: {}, maxTimeMS: 2500 });
    assert.deepEqual(withMaxTime({ update: 'users', updates: [] }, 2500), { update: 'users', updates: [] });
    assert.deepEqual(withMaxTime({ collMod: 'users', validator: {} }, 2500), { collMod: 'users', validator: {} });
    assert.deepEqual(withMaxTime({ find: 'users', maxTimeMS: 10 }, 2500), { find: 'users', maxTimeMS: 10 });
    assert.deepEqual(withMaxTime({ find: 'users' }, undefined), { find: 'users' });
    assert.deepEqual(withMaxTime({ find: 'users' }, 0), { find: 'users' }, '0 = no limit');
  });

  it('sends the limited command and reports it', async () => {
    const sent: Document[] = [];
    const inner: MongoCommandRunner = { databaseName: 'app', command: async (c) => { sent.push(c); return { ok: 1 }; } };
    const traces: StatementTrace[] = [];
    const runner = new LimitedCommandRunner(inner, { statementTimeoutMs: 900 }, (t) => traces.push(t));
    await runner.command({ count: 'users' });
    assert.deepEqual(sent, [{ count: 'users', maxTimeMS: 900 }]);
    assert.equal(traces.length, 1);
    assert.equal(traces[0]!.statement, '{"count":"users","maxTimeMS":900}');
    assert.equal(typeof traces[0]!.ms, 'number');
  });
});
