import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { isLocalHost, parsePostgresUrl } from './url.js';

const invalid = (url: string, problem: RegExp) => assert.throws(() => parsePostgresUrl(url, {}),
  (err) => isTidemarkError(err, 'TM_URL_INVALID') && problem.test(err.message) && !err.message.includes('s3cret') && err.hint.length > 0);

describe('parsePostgresUrl', () => {
  it('reads user, password, host, port and database, both schemes', () => {
    const l = parsePostgresUrl('postgres://app:s3cret@db.example.com:6543/shop', {});
    assert.deepEqual(l.client, {
      host: 'db.example.com', port: 6543, user: 'app', password: 's3cret', database: 'shop', application_name: 'tidemark', connectionTimeoutMillis: 10_000,
    });
    assert.equal(l.schema, 'public');
    assert.equal(l.isLocal, false);
    assert.equal(l.target, 'postgres://app:***@db.example.com:6543/shop');
    assert.equal(parsePostgresUrl('postgresql://u@localhost/x', {}).client.database, 'x');
  });

  it('decodes percent-encoded parts', () => {
    const l = parsePostgresUrl('postgres://m%C3%BCller:p%40ss%2Fw@h/my%20db', {});
    assert.equal(l.client.user, 'müller');
    assert.equal(l.client.password, 'p@ss/w');
    assert.equal(l.client.database, 'my db');
    assert.equal(l.target.includes('p%40ss'), false);
  });

  it('reads schema, sslmode, application_name and connect_timeout', () => {
    const l = parsePostgresUrl('postgres://h/db?schema=Sales%20Team&sslmode=require&application_name=deploy&connect_timeout=3', {});
    assert.equal(l.schema, 'Sales Team');
    assert.deepEqual(l.client.ssl, { rejectUnauthorized: false });
    assert.equal(l.client.application_name, 'deploy');
    assert.equal(l.client.connectionTimeoutMillis, 3000);
    assert.deepEqual(parsePostgresUrl('postgres://h/db?sslmode=verify-full', {}).client.ssl, { rejectUnauthorized: true });
    assert.equal(parsePostgresUrl('postgres://h/db?sslmode=disable', {}).client.ssl, false);
  });

  it('leaves out what the URL does not say, so the PG* variables and defaults apply', () => {
    const l = parsePostgresUrl('postgres:///', {});
    assert.deepEqual(l.client, { application_name: 'tidemark', connectionTimeoutMillis: 10_000 });
    assert.equal(l.isLocal, true);
    assert.equal(parsePostgresUrl('postgres:///db', { PGHOST: 'db.internal' }).isLocal, false);
  });

  it('reads IPv6 hosts and Unix socket directories', () => {
    const v6 = parsePostgresUrl('postgres://u@[::1]:5432/db', {});
    assert.equal(v6.client.host, '::1');
    assert.equal(v6.isLocal, true);
    const socket = parsePostgresUrl('postgres://%2Fvar%2Frun%2Fpostgresql/db', {});
    assert.equal(socket.client.host, '/var/run/postgresql');
    assert.equal(socket.isLocal, true);
    assert.equal(parsePostgresUrl('postgres:///db?host=/tmp', {}).client.host, '/tmp');
  });

  it('refuses what it cannot use, naming the problem and never the password', () => {
    invalid('mysql://u:s3cret@h/db', /not a postgres:\/\/ or postgresql:\/\/ URL/);
    invalid('postgres://u:s3cret@h/db?shema=app', /unknown parameter shema/);
    invalid('postgres://u:s3cret@h/db?sslmode=sometimes', /sslmode=sometimes/);
    invalid('postgres://u:s3cret@h:99999/db', /port|not a valid URL/);
    invalid('postgres://u:s3cret@h/db?schema=', /empty schema/);
    invalid('postgres://u:s3cret@h/a/b', /slash/);
    invalid('postgres://u:s3cret@h/db?connect_timeout=soon', /connect_timeout=soon/);
  });
});

describe('isLocalHost', () => {
  it('is true for this machine only', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '/var/run/postgresql', '']) assert.equal(isLocalHost(h), true, h);
    for (const h of ['db.example.com', '10.0.0.5', '::2', 'localhost.example.com']) assert.equal(isLocalHost(h), false, h);
  });
});
