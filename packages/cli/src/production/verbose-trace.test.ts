import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { formatTrace, redactStatement } from './verbose-trace.js';

describe('redactStatement and formatTrace', () => {
  it('hides passwords in role statements, command documents and URLs', () => {
    assert.equal(redactStatement("CREATE ROLE app LOGIN PASSWORD 'hunter2'"), "CREATE ROLE app LOGIN PASSWORD '***'");
    assert.equal(redactStatement("ALTER USER 'a'@'%' IDENTIFIED BY 'it''s secret'"), "ALTER USER 'a'@'%' IDENTIFIED BY '***'");
    assert.equal(redactStatement('{"createUser":"app","pwd":"hunter2","roles":[]}'), '{"createUser":"app","pwd":"***","roles":[]}');
    assert.equal(redactStatement("SELECT dblink('postgres://u:hunter2@db/x')"), "SELECT dblink('postgres://u:***@db/x')");
  });

  it('shows the duration, the statement, and how many parameters, never their values', () => {
    assert.equal(formatTrace({ statement: 'SELECT $1', params: 1, ms: 1.25 }), '[verbose]    1.3 ms  SELECT $1  -- 1 parameter(s), values not shown\n');
    assert.equal(formatTrace({ statement: 'ALTER TABLE t\nADD x int', ms: 1234.4, failed: true }), '[verbose]   1234 ms  ALTER TABLE t\n           ADD x int  -- FAILED\n');
  });
});
