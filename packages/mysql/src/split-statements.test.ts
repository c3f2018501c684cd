import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { splitStatements } from './split-statements.js';

describe('splitStatements', () => {
  it('splits at the semicolons that end statements, and drops empty ones', () => {
    assert.deepEqual(splitStatements('SELECT 1'), ['SELECT 1']);
    assert.deepEqual(splitStatements('UPDATE t SET a = 1;\n DELETE FROM u ; ;'), ['UPDATE t SET a = 1', 'DELETE FROM u']);
    assert.deepEqual(splitStatements('  ;  '), []);
  });

  it('keeps semicolons inside quotes, names and comments', () => {
    assert.deepEqual(splitStatements("INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s;', 'x\\';y'); SELECT `we;ird` FROM t"),
      ["INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s;', 'x\\';y')", 'SELECT `we;ird` FROM t']);
    assert.deepEqual(splitStatements('SELECT 1 -- one; two\n; # three; four\nSELECT 2 /* five; */'),
      ['SELECT 1 -- one; two', '# three; four\nSELECT 2 /* five; */']);
    assert.deepEqual(splitStatements('SELECT 5--1; SELECT 2'), ['SELECT 5--1', 'SELECT 2']);
  });

  it('keeps the body of a stored program whole', () => {
    const proc = 'CREATE PROCEDURE p() BEGIN DECLARE x INT; IF x > 0 THEN SET x = 1; END IF; SET x = CASE WHEN x THEN 1 ELSE 2 END; '
      + 'CASE x WHEN 1 THEN SELECT 1; END CASE; l: LOOP LEAVE l; END LOOP l; END';
    assert.deepEqual(splitStatements(`${proc}; CALL p(); DROP PROCEDURE p`), [proc, 'CALL p()', 'DROP PROCEDURE p']);
    const trigger = 'CREATE DEFINER=`root`@`%` TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END';
    assert.deepEqual(splitStatements(`${trigger};INSERT INTO t VALUES (1)`), [trigger, 'INSERT INTO t VALUES (1)']);
  });

  it('a transaction written as BEGIN; … COMMIT; still splits', () => {
    assert.deepEqual(splitStatements('BEGIN; UPDATE t SET a = 1; COMMIT;'), ['BEGIN', 'UPDATE t SET a = 1', 'COMMIT']);
  });
});
