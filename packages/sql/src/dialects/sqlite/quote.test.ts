import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { quoteIdentifier, renderLiteral } from './quote.js';

describe('quoteIdentifier', () => {
  it('wraps names in double quotes and doubles embedded ones', () => {
    assert.equal(quoteIdentifier('users'), '"users"');
    assert.equal(quoteIdentifier('say "hi"'), '"say ""hi"""');
    assert.equal(quoteIdentifier('order'), '"order"');
    assert.equal(quoteIdentifier('my table'), '"my table"');
    assert.equal(quoteIdentifier('café'), '"café"');
    assert.equal(quoteIdentifier('a(b),c'), '"a(b),c"');
  });
});

describe('renderLiteral', () => {
  it('renders strings, numbers, booleans and null', () => {
    assert.equal(renderLiteral("it's"), "'it''s'");
    assert.equal(renderLiteral('café'), "'café'");
    assert.equal(renderLiteral(42), '42');
    assert.equal(renderLiteral(-1.5), '-1.5');
    assert.equal(renderLiteral(true), 'TRUE');
    assert.equal(renderLiteral(null), 'NULL');
  });

  it('refuses numbers SQL cannot write', () => {
    assert.throws(() => renderLiteral(Number.NaN), { code: 'TM_INTERNAL' });
    assert.throws(() => renderLiteral(Number.POSITIVE_INFINITY), { code: 'TM_INTERNAL' });
  });
});
