import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'vitest';
import { capabilities, sqliteBackend } from './index.js';

const loaded = (): boolean => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('better-sqlite3'));

describe('capabilities', () => {
  it('loads without better-sqlite3; connect loads it', async () => {
    assert.equal(loaded(), false, 'importing @tidemark/sqlite must not load the driver');
    assert.deepEqual(capabilities, {
      transactionalDdl: true, nativeStatements: 'sql', foreignKeys: 'enforced', uniqueIndexes: 'enforced', autoIncrement: true, alterPrimaryKey: true,
      indexOptions: { where: true, expression: true, methods: [], operatorClasses: false, descending: true, nullsOrder: false },
      checkConstraints: true,
      arrayItems: ['i32', 'i64', 'f64', 'decimal', 'string', 'text', 'boolean', 'uuid', 'date', 'timestamp'],
    });
    assert.equal(sqliteBackend.capabilities, capabilities);
    const conn = await sqliteBackend.connect('sqlite::memory:');
    assert.equal(loaded(), true);
    assert.equal(conn.dialect, 'sqlite');
    assert.equal(conn.isLocal, true);
    await conn.close();
  });

  it('connect refuses a bad URL before loading anything', async () => {
    await assert.rejects(sqliteBackend.connect('sqlite://nope'), { code: 'TM_URL_INVALID' });
  });
});
