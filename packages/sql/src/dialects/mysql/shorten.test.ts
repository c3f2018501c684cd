import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { applyOperation, emptySnapshot, op, utf8Length } from '@tidemark/core';
import { quoteIdentifier } from './quote.js';
import { shortenOperation, shortenSnapshot, shortenTable, shortName } from './shorten.js';

describe('names', () => {
  it('quotes with backquotes, doubling embedded ones', () => {
    assert.equal(quoteIdentifier('order'), '`order`');
    assert.equal(quoteIdentifier('say `hi`'), '`say ``hi```');
    assert.equal(quoteIdentifier(`it's "x" ünï 表`), "`it's \"x\" ünï 表`");
  });

  it('shortens names over 64 bytes to a stable, distinct 64-byte name, and leaves others alone', () => {
    const a = `idx_${'a'.repeat(70)}_one`;
    const b = `idx_${'a'.repeat(70)}_two`;
    assert.equal(shortName('short'), 'short');
    assert.equal(utf8Length(shortName(a)), 64);
    assert.notEqual(shortName(a), shortName(b));
    assert.equal(shortName(a), shortName(a));
    assert.equal(shortName(shortName(a)), shortName(a), 'shortening twice changes nothing');
  });

  it('counts characters, not bytes, as MySQL does: 64 two-byte letters are kept as written', () => {
    assert.equal(shortName('ü'.repeat(64)), 'ü'.repeat(64));
    assert.equal(shortName('表'.repeat(64)), '表'.repeat(64));
    const over = shortName('ü'.repeat(65));
    assert.notEqual(over, 'ü'.repeat(65));
    assert.equal([...over].length, 64);
    assert.match(over, /^ü{55}_[0-9a-f]{8}$/);
  });

  it('shortens every name an operation carries', () => {
    const long = 'c'.repeat(70);
    const o = shortenOperation(op.addForeignKey('t'.repeat(70), { name: 'f'.repeat(70), columns: [long], referencedTable: 'p'.repeat(70), referencedColumns: ['id'] }));
    assert.deepEqual([o.table, o.foreignKey.name, o.foreignKey.columns[0]!, o.foreignKey.referencedTable].map((n) => utf8Length(n)), [64, 64, 64, 64]);
    assert.equal(o.foreignKey.referencedColumns[0], 'id');
  });

  it('shortens each table of a snapshot once, keeping the result right as the schema grows', () => {
    const long = (c: string) => c.repeat(70);
    const create = (name: string) => op.createTable({ name, columns: [{ name: long('c'), type: 'i32' }], primaryKey: [long('c')] });
    const one = applyOperation(emptySnapshot(), create(long('a')));
    const two = applyOperation(one, create(long('b')));
    const shortOne = shortenSnapshot(one);
    assert.equal(shortenSnapshot(one), shortOne, 'the same snapshot is shortened once');
    const shortTwo = shortenSnapshot(two);
    assert.equal(shortTwo.tables[0], shortOne.tables[0], 'an untouched table is shortened once');
    assert.deepEqual(shortTwo.tables, two.tables.map(shortenTable));
    assert.deepEqual(shortenSnapshot(shortTwo), shortTwo, 'a short snapshot stays as it is');
  });
});
