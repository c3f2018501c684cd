import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { serverInfo } from './server.js';
import { timeoutStatements } from './session-timeouts.js';

const mariadb = serverInfo('10.11.6-MariaDB-0+deb12u1');
const mysql = serverInfo('8.0.36');

describe('timeoutStatements', () => {
  it('bounds metadata and row lock waits in whole seconds, rounded up, at least 1', () => {
    assert.deepEqual(timeoutStatements({ lockTimeoutMs: 300 }, mysql), ['SET SESSION lock_wait_timeout = 1', 'SET SESSION innodb_lock_wait_timeout = 1']);
    assert.deepEqual(timeoutStatements({ lockTimeoutMs: 5001 }, mysql), ['SET SESSION lock_wait_timeout = 6', 'SET SESSION innodb_lock_wait_timeout = 6']);
    assert.deepEqual(timeoutStatements({ lockTimeoutMs: 0 }, mysql), ['SET SESSION lock_wait_timeout = 31536000', 'SET SESSION innodb_lock_wait_timeout = 31536000']);
  });

  it('uses max_statement_time (seconds) on MariaDB and max_execution_time (ms, SELECTs only) on MySQL', () => {
    assert.deepEqual(timeoutStatements({ statementTimeoutMs: 1500 }, mariadb), ['SET SESSION max_statement_time = 1.5']);
    assert.deepEqual(timeoutStatements({ statementTimeoutMs: 1500 }, mysql), ['SET SESSION max_execution_time = 1500']);
    assert.deepEqual(timeoutStatements({}, mysql), []);
  });
});
