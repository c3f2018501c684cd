// Connecting with the real driver where no server answers: a clear TM_BACKEND_ERROR that
// never shows the password; a URL the driver cannot read is TM_URL_INVALID.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { capabilities, mongodbBackend } from './index.js';
import { connectMongo } from './connect.js';

describe('connectMongo', () => {
  it('reports an unreachable server with a hint, without the password', async () => {
    const started = Date.now();
    await assert.rejects(connectMongo('mongodb://admin:s3cret@127.0.0.1:9/app', { serverSelectionTimeoutMs: 300 }), (err) => {
      assert.ok(isTidemarkError(err, 'TM_BACKEND_ERROR'), String(err));
      assert.match(err.hint, /running and reachable/);
      const text = `${err.message} ${err.hint} ${JSON.stringify(err.details)}`;
      assert.ok(!text.includes('s3cret'), text);
      assert.match(err.hint, /admin:\*\*\*@127\.0\.0\.1:9\/app/);
      return true;
    });
    assert.ok(Date.now() - started < 5000);
  });

  it('a URL the driver refuses is TM_URL_INVALID', async () => {
    await assert.rejects(connectMongo('mongodb://admin:s3cret@localhost:27017/app?notAnOption=1&maxPoolSize=abc'),
      (err) => isTidemarkError(err, 'TM_URL_INVALID') && !err.message.includes('s3cret'));
  });

  it('the backend declares what MongoDB can do', () => {
    assert.equal(mongodbBackend.dialect, 'mongodb');
    assert.deepStrictEqual(capabilities, {
      transactionalDdl: false, nativeStatements: 'commands',
      foreignKeys: 'none', uniqueIndexes: 'enforced', autoIncrement: false, alterPrimaryKey: true,
      arrayItems: ['i32', 'i64', 'f64', 'decimal', 'string', 'text', 'boolean', 'uuid', 'date', 'timestamp', 'enum'],
    });
  });
});
