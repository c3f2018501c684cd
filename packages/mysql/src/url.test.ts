import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { isLocalLocation, parseMysqlUrl } from './url.js';

const invalid = (url: string, what: RegExp) =>
  assert.throws(() => parseMysqlUrl(url), (err) => isTidemarkError(err, 'TM_URL_INVALID') && what.test(err.message) && !err.message.includes('s3cret'));

describe('parseMysqlUrl', () => {
  it('reads user, password, host, port and database, percent-decoded', () => {
    assert.deepEqual(parseMysqlUrl('mysql://root@127.0.0.1:3306/test'),
      { host: '127.0.0.1', port: 3306, user: 'root', database: 'test', ssl: false, connectTimeoutMs: 10000 });
    assert.deepEqual(parseMysqlUrl('mysql://app%40x:p%3Ass%2Fw@db.example.com/my%20db'),
      { host: 'db.example.com', port: 3306, user: 'app@x', password: 'p:ss/w', database: 'my db', ssl: false, connectTimeoutMs: 10000 });
    assert.equal(parseMysqlUrl('mariadb://u@[::1]:3307/d').host, '::1');
    assert.equal(parseMysqlUrl('mariadb://u@[::1]:3307/d').port, 3307);
  });

  it('reads ssl, socket and connectTimeout parameters', () => {
    const l = parseMysqlUrl('mysql://u:p@localhost/d?ssl=true&connectTimeout=2500&socket=/run/mysqld/mysqld.sock');
    assert.equal(l.ssl, true);
    assert.equal(l.connectTimeoutMs, 2500);
    assert.equal(l.socketPath, '/run/mysqld/mysqld.sock');
  });

  it('refuses what it cannot use, without ever showing the password', () => {
    invalid('postgres://u:s3cret@h/d', /is not a mysql:\/\/ URL/);
    invalid('mysql://u:s3cret@h', /names no database/);
    invalid('mysql://u:s3cret@h/', /names no database/);
    invalid('mysql://u:s3cret@h/d?sslmode=require', /unknown parameter sslmode/);
    invalid('mysql://u:s3cret@h/d?ssl=maybe', /ssl= other than true or false/);
    invalid('mysql://u:s3cret@h/d?connectTimeout=-1', /connectTimeout/);
    invalid('mysql://u:s3cret@h/%E0%A4%A', /badly percent-encoded database/);
    invalid('mysql://u:s3cret@h:99999/d', /cannot be parsed/);
  });

  it('tells local servers from remote ones', () => {
    assert.equal(isLocalLocation(parseMysqlUrl('mysql://u@localhost/d')), true);
    assert.equal(isLocalLocation(parseMysqlUrl('mysql://u@127.0.0.1/d')), true);
    assert.equal(isLocalLocation(parseMysqlUrl('mysql://u@[::1]/d')), true);
    assert.equal(isLocalLocation(parseMysqlUrl('mysql://u@h/d?socket=/tmp/mysql.sock')), true);
    assert.equal(isLocalLocation(parseMysqlUrl('mysql://u@db.example.com/d')), false);
  });
});
