import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { isTidemarkError, lockTimeout } from '@tidemark/core';
import { mysqlCode, translateMysqlError } from './errors.js';

/** An error shaped like mysql2's. */
function driverError(code: string, errno: number, sqlState: string, message: string): Error {
  return Object.assign(new Error(message), { code, errno, sqlState, sqlMessage: message });
}

describe('translateMysqlError', () => {
  it('turns a driver error into TM_BACKEND_ERROR with op, statement, code, errno and SQLSTATE, keeping the cause', () => {
    const native = driverError('ER_DUP_ENTRY', 1062, '23000', "Duplicate entry 'a' for key 'idx_users_name'");
    const err = translateMysqlError(native, { op: 'createIndex', statement: 'ALTER TABLE `users` ADD UNIQUE INDEX …' });
    assert.ok(isTidemarkError(err, 'TM_BACKEND_ERROR'));
    assert.equal(err.message, "mysql: Duplicate entry 'a' for key 'idx_users_name'");
    assert.deepEqual(err.details, { dialect: 'mysql', op: 'createIndex', statement: 'ALTER TABLE `users` ADD UNIQUE INDEX …', mysqlCode: 'ER_DUP_ENTRY', errno: 1062, sqlState: '23000' });
    assert.equal(err.cause, native);
    assert.equal(err.exitCode, 1);
    assert.equal(mysqlCode(native), 'ER_DUP_ENTRY');
  });

  it('says what to do when the server is unreachable, the login refused or the database missing', () => {
    const target = 'mysql://app:***@db:3306/shop';
    const unreachable = translateMysqlError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }), { op: 'connect', target });
    assert.match(unreachable.message, /ECONNREFUSED.*mysql:\/\/app:\*\*\*@db:3306\/shop/);
    assert.match(unreachable.hint, /start the MySQL\/MariaDB server/);
    const denied = translateMysqlError(driverError('ER_ACCESS_DENIED_ERROR', 1045, '28000', "Access denied for user 'app'@'10.0.0.2' (using password: YES)"), { op: 'connect', target });
    assert.match(denied.hint, /check the user and password/);
    assert.doesNotMatch(`${denied.message} ${denied.hint}`, /s3cret/);
    // MariaDB's answer to a user it knows only by socket authentication, or a missing password
    const noPassword = translateMysqlError(driverError('ER_ACCESS_DENIED_NO_PASSWORD_ERROR', 1698, '28000', "Access denied for user 'nobody'@'127.0.0.1'"), { op: 'connect', target });
    assert.match(noPassword.hint, /check the user and password/);
    const missing = translateMysqlError(driverError('ER_BAD_DB_ERROR', 1049, '42000', "Unknown database 'shop'"), { op: 'connect', target });
    assert.match(missing.hint, /CREATE DATABASE/);
    const locked = translateMysqlError(driverError('ER_LOCK_WAIT_TIMEOUT', 1205, 'HY000', 'Lock wait timeout exceeded'));
    // a lock wait is its own code: the migrator retries it (README: Timeouts)
    assert.equal(locked.code, 'TM_DB_LOCK_TIMEOUT');
    assert.match(locked.hint, /another session held a lock .*--lock-timeout/);
  });

  it('passes a TidemarkError through, and wraps anything else', () => {
    const own = lockTimeout('mysql://h/d', 10);
    assert.equal(translateMysqlError(own), own);
    const odd = translateMysqlError('boom');
    assert.ok(isTidemarkError(odd, 'TM_BACKEND_ERROR'));
    assert.match(odd.message, /boom/);
  });
});
