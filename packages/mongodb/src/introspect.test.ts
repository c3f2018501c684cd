// Introspection from scripted listCollections / listIndexes replies, and dropAll.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { op } from '@tidemark/core';
import { cursorReply, RecordingRunner } from './__fixtures__/recording-runner.js';
import { dropAllMongo } from './drop-all.js';
import { introspectMongo } from './introspect.js';
import { createCommand } from './schema/validator.js';

const users = op.createTable({ name: 'users', columns: [{ name: 'id', type: 'uuid' }, { name: 'email', type: 'string', length: 80, nullable: true }], primaryKey: ['id'] }).table;
const { create: _, ...usersOptions } = createCommand(users);

describe('introspectMongo', () => {
  it('lists collections (following the cursor), skips system.* and _tidemark_*, and reads each one\'s indexes', async () => {
    const runner = new RecordingRunner()
      .on('listCollections',
        cursorReply([{ name: 'users', type: 'collection', options: usersOptions }, { name: '_tidemark_migrations', type: 'collection', options: {} }],
          { id: 5, ns: 'app.$cmd.listCollections' }))
      .on('getMore', cursorReply([{ name: 'system.profile', type: 'collection', options: {} }, { name: 'audit', type: 'collection', options: {} }], { next: true }))
      .on('listIndexes',
        cursorReply([{ v: 2, key: { _id: 1 }, name: '_id_' }, { v: 2, key: { at: -1 }, name: 'at_-1' }]),
        cursorReply([{ v: 2, key: { _id: 1 }, name: '_id_' }, { v: 2, key: { id: 1 }, name: '_tidemark_pk', unique: true }, { v: 2, key: { email: 1 }, name: 'idx_users_email', unique: true, partialFilterExpression: { email: { $type: 'string' } } }]));
    const schema = await introspectMongo(runner);
    assert.equal(runner.unanswered, 0);
    assert.deepStrictEqual(runner.commands, [
      { listCollections: 1, filter: { type: 'collection' }, cursor: {} },
      { getMore: { $numberLong: '5' }, collection: '$cmd.listCollections' },
      { listIndexes: 'audit', cursor: {} },
      { listIndexes: 'users', cursor: {} },
    ]);
    assert.deepStrictEqual(schema, {
      format: 'tidemark.snapshot',
      version: 2,
      tables: [
        { name: 'audit', model: '', columns: [], primaryKey: [], indexes: [{ name: 'at_-1', columns: ['at'], unique: false }], foreignKeys: [] },
        { ...users, indexes: [{ name: 'idx_users_email', columns: ['email'], unique: true }] },
      ],
    });
  });
});

describe('dropAllMongo', () => {
  it('drops every managed collection and the history, and keeps the lock and system collections', async () => {
    const runner = new RecordingRunner().on('listCollections', cursorReply(['users', '_tidemark_lock', '_tidemark_migrations', 'system.views', 'audit'].map((name) => ({ name, type: 'collection' }))));
    await dropAllMongo(runner);
    assert.deepStrictEqual(runner.commands, [
      { listCollections: 1, filter: { type: 'collection' }, nameOnly: true, cursor: {} },
      { drop: '_tidemark_migrations' },
      { drop: 'audit' },
      { drop: 'users' },
    ]);
  });

  it('keeps the collections `keep` names (the config\'s exclude), never the history', async () => {
    const runner = new RecordingRunner().on('listCollections', cursorReply(['users', '_tidemark_migrations', 'audit_log', 'django_session'].map((name) => ({ name, type: 'collection' }))));
    await dropAllMongo(runner, (name) => name === 'audit_log' || name.startsWith('django_') || name === '_tidemark_migrations');
    assert.deepStrictEqual(runner.commands, [
      { listCollections: 1, filter: { type: 'collection' }, nameOnly: true, cursor: {} },
      { drop: '_tidemark_migrations' },
      { drop: 'users' },
    ]);
  });
});
