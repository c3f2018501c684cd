import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { parseSqliteUrl } from './url.js';

describe('parseSqliteUrl', () => {
  it('reads the four documented forms', () => {
    assert.deepEqual(parseSqliteUrl('sqlite:path/to.db'), { kind: 'file', path: 'path/to.db' });
    assert.deepEqual(parseSqliteUrl('sqlite:./rel.db'), { kind: 'file', path: './rel.db' });
    assert.deepEqual(parseSqliteUrl('sqlite:/abs.db'), { kind: 'file', path: '/abs.db' });
    assert.deepEqual(parseSqliteUrl('sqlite::memory:'), { kind: 'memory' });
    assert.deepEqual(parseSqliteUrl('sqlite:my dir/café.db'), { kind: 'file', path: 'my dir/café.db' });
  });

  it('refuses anything else with TM_URL_INVALID', () => {
    for (const url of ['sqlite:', 'sqlite://host/db', 'sqlite:///abs.db', 'postgres://x/y', 'dev.db', 'sqlite::mem:', 'SQLITE:dev.db']) {
      assert.throws(() => parseSqliteUrl(url), { code: 'TM_URL_INVALID' }, url);
    }
  });
});
