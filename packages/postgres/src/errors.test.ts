import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { isTidemarkError, lockTimeout } from '@tidemark/core';
import { sqlState, translatePgError } from './errors.js';

/** A server error as node-postgres builds it from an ErrorResponse. */
function serverError(code: string, message: string, fields: Record<string, string> = {}): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR', ...fields });
}

describe('translatePgError', () => {
  it('turns a server error into TM_BACKEND_ERROR with SQLSTATE, detail, statement and the cause', () => {
    const native = serverError('23505', 'duplicate key value violates unique constraint "idx_users_email"',
      { detail: 'Key (email)=(a@b) already exists.', table: 'users', constraint: 'idx_users_email' });
    const err = translatePgError(native, { op: 'createIndex', statement: 'CREATE UNIQUE INDEX …' });
    assert.ok(isTidemarkError(err, 'TM_BACKEND_ERROR'));
    assert.match(err.message, /^postgres: duplicate key value .* \[SQLSTATE 23505\] — Key \(email\)=\(a@b\) already exists\.$/);
    assert.deepEqual(err.details, {
      dialect: 'postgres', op: 'createIndex', statement: 'CREATE UNIQUE INDEX …', sqlState: '23505',
      detail: 'Key (email)=(a@b) already exists.', table: 'users', column: undefined, constraint: 'idx_users_email',
    });
    assert.equal(err.cause, native);
    assert.match(err.hint, /rows do not fit/);
  });

  it('chooses the hint by SQLSTATE class, and keeps the server\'s own hint first', () => {
    const hint = (code: string, fields: Record<string, string> = {}) => translatePgError(serverError(code, 'x', fields)).hint;
    assert.match(hint('28P01'), /user name and password/);
    assert.match(hint('3D000'), /createdb/);
    assert.match(hint('42501'), /GRANT/);
    assert.match(hint('25001'), /transaction: false/);
    assert.match(hint('42P07'), /migrate:check/);
    assert.match(hint('55P03'), /lock/);
    assert.match(hint('XX000'), /read the database message/);
    assert.match(hint('42883', { hint: 'No function matches the given name.' }), /^No function matches the given name\.; read/);
  });

  it('says where it could not connect, without a password', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), { code: 'ECONNREFUSED' });
    const err = translatePgError(refused, { op: 'connect', target: 'postgres://app:***@127.0.0.1:5999/db' });
    assert.ok(isTidemarkError(err, 'TM_BACKEND_ERROR'));
    assert.match(err.message, /ECONNREFUSED .* \(connecting to postgres:\/\/app:\*\*\*@127\.0\.0\.1:5999\/db\)$/);
    assert.match(err.hint, /check that PostgreSQL runs .* postgres:\/\/app:\*\*\*@127\.0\.0\.1:5999\/db/);
    assert.match(translatePgError(new Error('Connection terminated unexpectedly')).hint, /check that PostgreSQL runs/);
  });

  it('passes TidemarkErrors through and wraps anything else', () => {
    const own = lockTimeout('db', 5);
    assert.equal(translatePgError(own), own);
    assert.ok(isTidemarkError(translatePgError('a string'), 'TM_BACKEND_ERROR'));
    assert.ok(isTidemarkError(translatePgError(undefined), 'TM_BACKEND_ERROR'));
  });

  it('sqlState reads only five-character codes', () => {
    assert.equal(sqlState(serverError('42P01', 'x')), '42P01');
    assert.equal(sqlState({ code: 'ECONNREFUSED' }), undefined);
    assert.equal(sqlState(null), undefined);
  });
});
