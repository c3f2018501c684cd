import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { tokenizeSql } from './tokenize.js';

describe('tokenizeSql', () => {
  it('unquotes identifiers in every SQLite quoting, with escaped quotes', () => {
    const t = tokenizeSql('"a ""b"" (c)" [x y] `z``w` \'it\'\'s\'');
    assert.deepEqual(t.map((x) => [x.kind, x.value]), [
      ['identifier', 'a "b" (c)'], ['identifier', 'x y'], ['identifier', 'z`w'], ['string', "it's"],
    ]);
  });

  it('keeps comments and reads numbers, blobs, words and operators', () => {
    const t = tokenizeSql("id INTEGER /* tidemark:i64 */ -- tail\n DEFAULT -1.5e3 x'00ff' <> ||");
    assert.deepEqual(t.map((x) => [x.kind, x.value]), [
      ['word', 'ID'], ['word', 'INTEGER'], ['comment', 'tidemark:i64'], ['comment', 'tail'], ['word', 'DEFAULT'],
      ['punct', '-'], ['number', '1.5e3'], ['blob', '00ff'], ['punct', '<>'], ['punct', '||'],
    ]);
  });

  it('reads non-ASCII words and never throws on unterminated input', () => {
    assert.deepEqual(tokenizeSql('café').map((x) => x.text), ['café']);
    assert.deepEqual(tokenizeSql('"open').map((x) => x.value), ['open']);
  });
});
