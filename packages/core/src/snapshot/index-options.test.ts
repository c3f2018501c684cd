import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { comparableSqlText, normalizeIndexOptions } from './index-options.js';
import { parseSnapshot } from './parse-snapshot.js';
import { isTidemarkError } from '../errors/tidemark-error.js';

describe('comparableSqlText', () => {
  it('reads what PostgreSQL gives back as the model wrote it', () => {
    const pairs: [stored: string, written: string][] = [
      ['(deleted_at IS NULL)', 'deleted_at IS NULL'],
      ['lower((email)::text)', 'lower(email)'],
      ["((author_email)::text ~~ '%@x.com'::text)", "author_email LIKE '%@x.com'"],
      ['((a IS NULL) AND (b > 0))', 'a is null and b>0'],
    ];
    for (const [stored, written] of pairs) assert.equal(comparableSqlText(stored), comparableSqlText(written), stored);
  });

  it('keeps what differs: string literals, operators, calls', () => {
    assert.notEqual(comparableSqlText("status = 'A'"), comparableSqlText("status = 'a'"));
    assert.notEqual(comparableSqlText('a > 0'), comparableSqlText('a >= 0'));
    assert.notEqual(comparableSqlText('lower(email)'), comparableSqlText('upper(email)'));
  });
});

describe('normalizeIndexOptions', () => {
  it('keeps only what differs from the defaults', () => {
    assert.deepStrictEqual(normalizeIndexOptions({ using: 'btree' as never, keyOptions: { a: { nulls: 'last' } } }), {});
    assert.deepStrictEqual(normalizeIndexOptions({ keyOptions: { b: { order: 'desc', nulls: 'first' } } }), { keyOptions: { b: { order: 'desc' } } });
    assert.deepStrictEqual(normalizeIndexOptions({ keyOptions: { b: { order: 'desc', nulls: 'last' }, a: { nulls: 'first' } } }), { keyOptions: { a: { nulls: 'first' }, b: { order: 'desc', nulls: 'last' } } });
  });
});

describe('index options in .schema.json', () => {
  const file = (index: Record<string, unknown>) => JSON.stringify({
    format: 'tidemark.snapshot', version: 1,
    tables: [{ name: 't', model: 'T', columns: [{ name: 'id', type: 'i32', nullable: false }, { name: 'a', type: 'text', nullable: true }], primaryKey: ['id'], indexes: [{ name: 'i', unique: false, ...index }], foreignKeys: [] }],
  });

  it('reads them back', () => {
    const s = parseSnapshot(file({ columns: ['a'], using: 'gin', where: 'a IS NOT NULL', keyOptions: { a: { ops: 'gin_trgm_ops' } } }));
    assert.deepStrictEqual(s.tables[0]!.indexes[0], { name: 'i', columns: ['a'], unique: false, using: 'gin', where: 'a IS NOT NULL', keyOptions: { a: { ops: 'gin_trgm_ops' } } });
    assert.deepStrictEqual(parseSnapshot(file({ columns: [], expression: 'lower(a)' })).tables[0]!.indexes[0]!.expression, 'lower(a)');
  });

  it('refuses bad ones naming the JSON path', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ columns: ['a'], using: 'rtree' }, /indexes\[0\]\.using: expected one of btree, hash, gin, gist, brin/],
      [{ columns: ['a'], keyOptions: { b: { order: 'desc' } } }, /keyOptions\.b: names a column the index does not have/],
      [{ columns: ['a'], keyOptions: { a: { order: 'down' } } }, /keyOptions\.a\.order: expected "asc" or "desc"/],
      [{ columns: ['a'], expression: 'lower(a)' }, /an expression index has no columns/],
      [{ columns: [] }, /needs at least one column/],
      [{ columns: ['a'], where: '' }, /where: expected a non-empty string/],
    ];
    for (const [index, problem] of bad) {
      assert.throws(() => parseSnapshot(file(index)), (e: unknown) => isTidemarkError(e, 'TM_SNAPSHOT_INVALID') && problem.test(e.message), JSON.stringify(index));
    }
  });
});
