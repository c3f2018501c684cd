import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { parseCreateIndex } from './parse-create-index.js';

describe('parseCreateIndex', () => {
  it('reads columns with their order, a parenthesised expression and a WHERE clause as written', () => {
    assert.deepStrictEqual(parseCreateIndex('CREATE INDEX "i" ON "t" ("a" DESC, "b")'), { keys: [{ column: 'a', desc: true }, { column: 'b', desc: false }] });
    assert.deepStrictEqual(parseCreateIndex('CREATE UNIQUE INDEX "i" ON "t" ((lower(email)))'), { keys: [{ expression: 'lower(email)', desc: false }] });
    assert.deepStrictEqual(
      parseCreateIndex('CREATE INDEX "i" ON "t" ("title") WHERE deleted_at IS NULL AND (a = \'x)\')'),
      { keys: [{ column: 'title', desc: false }], where: "deleted_at IS NULL AND (a = 'x)')" },
    );
  });

  it('reads a table named like a keyword and quoted names with parentheses', () => {
    assert.deepStrictEqual(parseCreateIndex('CREATE INDEX "on (x)" ON "where" ("a b" ASC)'), { keys: [{ column: 'a b', desc: false }] });
  });
});
