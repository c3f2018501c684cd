import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import Database from 'better-sqlite3';
import { CANONICAL_DECIMAL_TEXT, CANONICAL_INTEGER_TEXT } from '@tidemark/core';
import { isCanonicalNumberSql, isNumberTextSql } from './canonical-number.js';

const TEXTS = ['0', '7', '-7', '42', '007', '-0', '+7', ' 7', '7 ', '7.0', '7.', '.5', '0.5', '-0.25', '1e3', '1.5E-2', '00.5', '-', '', 'abc', '1.2.3', '12a', '0x10', '--1', '1e', 'e3', '.'];

describe('SQLite spells core narrowing rule with GLOB', () => {
  const db = new Database(':memory:');
  const holds = (condition: string, text: string): boolean => (db.prepare(`SELECT ${condition} AS ok FROM (SELECT ? AS t)`).get(text) as { ok: number }).ok === 1;

  it('canonical integer and decimal text is exactly what core patterns match', () => {
    for (const text of TEXTS) {
      assert.equal(holds(isCanonicalNumberSql('t', 'i32'), text), new RegExp(CANONICAL_INTEGER_TEXT).test(text), `integer ${JSON.stringify(text)}`);
      assert.equal(holds(isCanonicalNumberSql('t', 'decimal'), text), new RegExp(CANONICAL_DECIMAL_TEXT).test(text), `decimal ${JSON.stringify(text)}`);
    }
  });

  it('number text is what PostgreSQL and MySQL read as a number', () => {
    const numberText = /^\s*[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?\s*$/;
    for (const text of TEXTS) assert.equal(holds(isNumberTextSql('t'), text), numberText.test(text), JSON.stringify(text));
  });
});
