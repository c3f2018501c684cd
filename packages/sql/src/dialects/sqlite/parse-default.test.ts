import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { parseDefault } from './parse-default.js';

describe('parseDefault', () => {
  it('is the inverse of renderDefault', () => {
    assert.equal(parseDefault("'it''s'", 'string'), "it's");
    assert.equal(parseDefault("'5'", 'i32'), '5');
    assert.equal(parseDefault('5', 'i32'), 5);
    assert.equal(parseDefault('-5', 'i32'), -5);
    assert.equal(parseDefault('1.25', 'decimal'), 1.25);
    assert.equal(parseDefault('1', 'boolean'), true);
    assert.equal(parseDefault('0', 'boolean'), false);
    assert.equal(parseDefault('TRUE', 'i32'), true);
    assert.deepEqual(parseDefault('CURRENT_TIMESTAMP', 'timestamp'), { fn: 'now' });
    assert.deepEqual(parseDefault('CURRENT_DATE', 'date'), { fn: 'now' });
  });

  it('reads NULL and expressions as no default', () => {
    assert.equal(parseDefault(null, 'text'), undefined);
    assert.equal(parseDefault('NULL', 'text'), undefined);
    assert.equal(parseDefault("(lower('A'))", 'text'), undefined);
  });
});
