import assert from 'node:assert/strict';
import { test } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { loadBackend, schemeOf } from './load-backend.js';

test('every URL scheme of README: Backends, URL row (and its aliases) loads the backend of that dialect, without connecting', async () => {
  const cases: [string, string][] = [
    ['sqlite:dev.db', 'sqlite'],
    ['postgres://u@h/db', 'postgres'],
    ['postgresql://u@h/db', 'postgres'],
    ['mysql://u@h/db', 'mysql'],
    ['mariadb://u@h/db', 'mysql'],
    ['mongodb://h:27017/db', 'mongodb'],
    ['mongodb+srv://u:p@cluster.example.net/db', 'mongodb'],
    ['dynamodb://localhost:8000', 'dynamodb'],
    ['DynamoDB://aws?region=eu-west-1', 'dynamodb'],
  ];
  for (const [url, dialect] of cases) assert.equal((await loadBackend(url)).dialect, dialect, url);
});

test('an unknown scheme or none at all is bad input (TM_URL_INVALID)', async () => {
  await assert.rejects(loadBackend('oracle://h/db'), (err) => isTidemarkError(err, 'TM_URL_INVALID') && /unknown scheme oracle:/.test(err.message));
  assert.throws(() => schemeOf('dev.db'), (err) => isTidemarkError(err, 'TM_URL_INVALID'));
});
