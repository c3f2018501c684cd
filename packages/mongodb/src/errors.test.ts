// Every driver error leaves the backend as a TidemarkError with a code, details and a hint.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { isTidemarkError, unsupportedOperation } from '@tidemark/core';
import { MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { RecordingRunner } from './__fixtures__/recording-runner.js';
import { translateMongoError } from './errors.js';
import { runCommand } from './run-command.js';

describe('translateMongoError', () => {
  it('a server error keeps its code, code name and errInfo, with a hint for the code', () => {
    const native = new MongoServerError({ message: 'Document failed validation', code: 121, codeName: 'DocumentValidationFailure', errInfo: { failingDocumentId: 3 } });
    const err = translateMongoError(native, { op: 'alterColumn', command: 'update', collection: 'users' });
    assert.equal(err.code, 'TM_BACKEND_ERROR');
    assert.equal(err.message, 'mongodb: update users: Document failed validation');
    assert.deepStrictEqual(err.details, {
      dialect: 'mongodb', op: 'alterColumn', command: 'update', collection: 'users', code: 121, codeName: 'DocumentValidationFailure', errInfo: { failingDocumentId: 3 },
    });
    assert.match(err.hint, /validator/);
    assert.equal(err.cause, native);
    assert.equal(err.exitCode, 1);
  });

  it('hints for the usual codes', () => {
    const hint = (code: number) => translateMongoError(new MongoServerError({ message: 'x', code })).hint;
    assert.match(hint(13), /readWrite and dbAdmin/);
    assert.match(hint(11000), /duplicates/);
    assert.match(hint(85), /one index per key pattern/);
    assert.match(hint(48), /already exists/);
    assert.match(hint(99999), /read the database message/);
  });

  it('network and server selection errors say to check the server, naming the redacted URL', () => {
    for (const native of [new MongoNetworkError('connection refused'), new MongoServerSelectionError('Server selection timed out after 100 ms', { type: 'Unknown' } as never)]) {
      const err = translateMongoError(native, { op: 'connect', target: 'mongodb://u:***@db:27017/app' });
      assert.match(err.hint, /running and reachable .*mongodb:\/\/u:\*\*\*@db:27017\/app/);
    }
  });

  it('passes a TidemarkError through and wraps anything else', () => {
    const own = unsupportedOperation('mongodb', 'x', 'y');
    assert.equal(translateMongoError(own), own);
    assert.ok(isTidemarkError(translateMongoError('a string'), 'TM_BACKEND_ERROR'));
  });
});

describe('runCommand', () => {
  it('translates thrown errors, ok: 0 replies and write concern errors', async () => {
    const runner = new RecordingRunner()
      .script(new MongoServerError({ message: 'ns not found', code: 26, codeName: 'NamespaceNotFound' }))
      .script({ ok: 0, errmsg: 'no such command', code: 59, codeName: 'CommandNotFound' })
      .script({ ok: 1, n: 1, writeConcernError: { code: 64, codeName: 'WriteConcernFailed', errmsg: 'waiting for replication timed out' } });
    await assert.rejects(runCommand(runner, { drop: 'x' }), (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && err.details.codeName === 'NamespaceNotFound' && err.details.command === 'drop');
    await assert.rejects(runCommand(runner, { frob: 1 }), (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && /no such command/.test(err.message));
    await assert.rejects(runCommand(runner, { update: 'x', updates: [] }), (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && err.details.code === 64);
  });

  it('reports the first of several write errors and how many more there were', async () => {
    const runner = new RecordingRunner().script({ ok: 1, n: 0, writeErrors: [{ index: 0, code: 11000, errmsg: 'E11000 duplicate key' }, { index: 1, code: 11000, errmsg: 'E11000 again' }] });
    await assert.rejects(runCommand(runner, { insert: 'x', documents: [{}, {}] }), (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && /E11000 duplicate key \(and 1 more write error\(s\)\)/.test(err.message));
  });
});
