import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { parseDefault } from './parse-default.js';

describe('parseDefault reads COLUMN_DEFAULT as MySQL prints it', () => {
  it('literals unquoted, numbers as numbers, booleans as booleans, no default as NULL', () => {
    assert.equal(parseDefault(null, '', 'string', 'mysql'), undefined);
    assert.equal(parseDefault('x', '', 'string', 'mysql'), 'x');
    assert.equal(parseDefault("it's", '', 'string', 'mysql'), "it's");
    assert.equal(parseDefault('NULL', '', 'string', 'mysql'), 'NULL');
    assert.equal(parseDefault('', '', 'string', 'mysql'), '');
    assert.equal(parseDefault('7', '', 'i32', 'mysql'), 7);
    assert.equal(parseDefault('-5', '', 'i32', 'mysql'), -5);
    assert.equal(parseDefault('2.250', '', 'decimal', 'mysql'), 2.25);
    assert.equal(parseDefault('1', '', 'boolean', 'mysql'), true);
    assert.equal(parseDefault('0', '', 'boolean', 'mysql'), false);
    assert.equal(parseDefault('red', '', 'enum', 'mysql'), 'red');
  });

  it('expression defaults (DEFAULT_GENERATED): the current time, and TEXT/JSON literals with their charset introducer', () => {
    assert.deepEqual(parseDefault('CURRENT_TIMESTAMP(3)', 'DEFAULT_GENERATED', 'timestamp', 'mysql'), { fn: 'now' });
    assert.deepEqual(parseDefault('curdate()', 'DEFAULT_GENERATED', 'date', 'mysql'), { fn: 'now' });
    assert.deepEqual(parseDefault('CURRENT_TIMESTAMP', '', 'timestamp', 'mysql'), { fn: 'now' });
    assert.equal(parseDefault("_utf8mb4\\'long\\'", 'DEFAULT_GENERATED', 'text', 'mysql'), 'long');
    assert.equal(parseDefault("(_utf8mb4\\'{}\\')", 'DEFAULT_GENERATED', 'json', 'mysql'), '{}');
    assert.equal(parseDefault('0x6869', 'DEFAULT_GENERATED', 'bytes', 'mysql'), 'hi');
    assert.equal(parseDefault('rand()', 'DEFAULT_GENERATED', 'f64', 'mysql'), undefined);
  });
});

describe('parseDefault reads COLUMN_DEFAULT as MariaDB prints it', () => {
  it('strings quoted with their escapes, NULL as a word, numbers bare', () => {
    assert.equal(parseDefault(null, '', 'string', 'mariadb'), undefined);
    assert.equal(parseDefault('NULL', '', 'string', 'mariadb'), undefined);
    assert.equal(parseDefault("'NULL'", '', 'string', 'mariadb'), 'NULL');
    assert.equal(parseDefault("'x'", '', 'string', 'mariadb'), 'x');
    assert.equal(parseDefault("'it''s'", '', 'string', 'mariadb'), "it's");
    assert.equal(parseDefault("'a\\\\b'", '', 'string', 'mariadb'), 'a\\b');
    assert.equal(parseDefault("''", '', 'text', 'mariadb'), '');
    assert.equal(parseDefault("'long'", '', 'text', 'mariadb'), 'long');
    assert.equal(parseDefault('9007199254740', '', 'i64', 'mariadb'), 9007199254740);
    assert.equal(parseDefault('1.5', '', 'f64', 'mariadb'), 1.5);
    assert.equal(parseDefault('2.250', '', 'decimal', 'mariadb'), 2.25);
    assert.equal(parseDefault('1', '', 'boolean', 'mariadb'), true);
    assert.equal(parseDefault("'00000000-0000-0000-0000-000000000000'", '', 'uuid', 'mariadb'), '00000000-0000-0000-0000-000000000000');
    assert.equal(parseDefault("'2024-01-01 10:00:00.000'", '', 'timestamp', 'mariadb'), '2024-01-01 10:00:00.000');
  });

  it('the current time in lower case', () => {
    assert.deepEqual(parseDefault('current_timestamp(3)', '', 'timestamp', 'mariadb'), { fn: 'now' });
    assert.deepEqual(parseDefault('current_timestamp()', '', 'timestamp', 'mariadb'), { fn: 'now' });
    assert.deepEqual(parseDefault('curdate()', '', 'date', 'mariadb'), { fn: 'now' });
    assert.equal(parseDefault('uuid()', '', 'uuid', 'mariadb'), undefined);
  });
});
