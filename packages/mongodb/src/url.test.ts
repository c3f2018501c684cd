import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { parseMongoUrl } from './url.js';

describe('parseMongoUrl', () => {
  it('reads the database, the hosts and whether they are local', () => {
    assert.deepStrictEqual(parseMongoUrl('mongodb://localhost:27017/shop'), { scheme: 'mongodb', hosts: ['localhost:27017'], databaseName: 'shop', isLocal: true });
    assert.deepStrictEqual(parseMongoUrl('mongodb://u:p%40ss@127.0.0.1,[::1]:27018/app?replicaSet=rs0'), { scheme: 'mongodb', hosts: ['127.0.0.1', '[::1]:27018'], databaseName: 'app', isLocal: true });
    assert.equal(parseMongoUrl('mongodb://db.internal:27017,localhost/app').isLocal, false);
    assert.deepStrictEqual(parseMongoUrl('mongodb+srv://u:p@cluster0.example.net/prod?retryWrites=true'), { scheme: 'mongodb+srv', hosts: ['cluster0.example.net'], databaseName: 'prod', isLocal: false });
    assert.equal(parseMongoUrl('mongodb://%2Ftmp%2Fmongodb-27017.sock/app').isLocal, true);
    assert.equal(parseMongoUrl('mongodb://localhost/caf%C3%A9-db').databaseName, 'café-db');
  });

  it('requires a database name and refuses what MongoDB refuses, never showing the password', () => {
    const refused = (url: string, what: RegExp) => assert.throws(() => parseMongoUrl(url),
      (err) => isTidemarkError(err, 'TM_URL_INVALID') && what.test(err.message) && !err.message.includes('s3cret') && err.exitCode === 2);
    refused('mongodb://admin:s3cret@localhost:27017', /names no database.*"test"/);
    refused('mongodb://admin:s3cret@localhost:27017/', /names no database/);
    refused('mongodb://admin:s3cret@localhost/a.b', /character MongoDB refuses/);
    refused('mongodb://admin:s3cret@localhost/my%20db', /character MongoDB refuses/);
    refused('mongodb://admin:s3cret@/app', /names no host/);
    refused('mongodb+srv://admin:s3cret@a.example.net,b.example.net/app', /one host/);
    refused('postgres://admin:s3cret@localhost/app', /not a MongoDB URL/);
    refused(`mongodb://admin:s3cret@localhost/${'d'.repeat(64)}`, /64 bytes/);
  });
});
