// `migrate:pull` on MongoDB, command by command (no server runs here): collections Tidemark made
// read back from their validators and indexes as models that build the same schema, and what
// models cannot say (views, collections without a validator or key index, TTL and text indexes)
// is listed.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { comparableSnapshot, op } from '@tidemark/core';
import { pullModels } from '@tidemark/generator';
import { capabilities } from './capabilities.js';
import { cursorReply, RecordingRunner } from './__fixtures__/recording-runner.js';
import { introspectMongo } from './introspect.js';
import { mongoPullInventory } from './pull-inventory.js';
import { createCommand } from './schema/validator.js';

const users = op.createTable({
  name: 'users',
  columns: [
    { name: 'id', type: 'uuid' }, { name: 'email', type: 'string', length: 80, nullable: true },
    { name: 'role', type: 'enum', values: ['admin', 'member'], default: 'member' }, { name: 'score', type: 'f64', nullable: true },
    { name: 'visits', type: 'i64', default: 0 }, { name: 'created_at', type: 'timestamp', default: { fn: 'now' } },
  ],
  primaryKey: ['id'],
  indexes: [{ name: 'idx_users_email', columns: ['email'], unique: true }],
}).table;
const posts = op.createTable({
  name: 'posts',
  columns: [{ name: 'id', type: 'uuid' }, { name: 'author_id', type: 'uuid' }, { name: 'title', type: 'text' }],
  primaryKey: ['id'],
  indexes: [{ name: 'idx_posts_author_id', columns: ['author_id'], unique: false }],
  foreignKeys: [{ name: 'fk_posts_author_id', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' }],
}).table;
const optionsOf = (t: typeof users) => { const { create: _, ...options } = createCommand(t); return options; };
const keyIndex = (column: string) => ({ v: 2, key: { [column]: 1 }, name: '_tidemark_pk', unique: true });

describe('migrate:pull on MongoDB', () => {
  it('writes models from validators and indexes that build the schema introspection reads', async () => {
    const runner = new RecordingRunner()
      .on('listCollections', cursorReply([
        { name: 'posts', type: 'collection', options: optionsOf(posts) }, { name: 'users', type: 'collection', options: optionsOf(users) },
      ]))
      .on('listIndexes',
        cursorReply([{ v: 2, key: { _id: 1 }, name: '_id_' }, keyIndex('id'), { v: 2, key: { author_id: 1 }, name: 'idx_posts_author_id' }]),
        cursorReply([{ v: 2, key: { _id: 1 }, name: '_id_' }, keyIndex('id'), { v: 2, key: { email: 1 }, name: 'idx_users_email', unique: true }]));
    const live = await introspectMongo(runner);
    assert.equal(runner.unanswered, 0);
    const result = await pullModels(live, { names: capabilities });
    assert.deepEqual(result.notes, []);
    assert.deepEqual(result.files.map((f) => f.fileName), ['post.ts', 'user.ts']);
    const post = result.files[0]!.text;
    assert.match(post, /@BelongsTo\(\(\) => User, \{ onDelete: 'cascade' \}\) author!: Relation<User>;\n {2}@Index\(\) authorId!: Uuid;/);
    const user = result.files[1]!.text;
    assert.match(user, /role: 'admin' \| 'member' = 'member';/);
    assert.match(user, /@HasMany\(\(\) => Post\) posts!: Post\[\];/);
    assert.deepEqual(comparableSnapshot(live, capabilities).tables.map((t) => t.name), ['posts', 'users']);
  });

  it('lists views, collections Tidemark did not make, and TTL and text indexes', async () => {
    const runner = new RecordingRunner()
      .on('listCollections', cursorReply([
        { name: 'active_users', type: 'view', options: { viewOn: 'users', pipeline: [] } },
        { name: 'events', type: 'collection', options: {} },
        { name: 'users', type: 'collection', options: optionsOf(users) },
        { name: '_tidemark_migrations', type: 'collection', options: {} },
      ]))
      .on('listIndexes',
        cursorReply([{ v: 2, key: { _id: 1 }, name: '_id_' }, { v: 2, key: { at: 1 }, name: 'at_1', expireAfterSeconds: 3600 }, { v: 2, key: { _fts: 'text', _ftsx: 1 }, name: 'body_text' }]),
        cursorReply([{ v: 2, key: { _id: 1 }, name: '_id_' }, keyIndex('id')]));
    const live = { format: 'tidemark.snapshot' as const, version: 1 as const, tables: [
      { name: 'events', model: '', columns: [], primaryKey: [], indexes: [], foreignKeys: [] }, users,
    ] };
    const inventory = await mongoPullInventory(runner, live);
    assert.deepStrictEqual(runner.commands, [
      { listCollections: 1, cursor: {} },
      { listIndexes: 'events', cursor: {} },
      { listIndexes: 'users', cursor: {} },
    ]);
    assert.deepEqual(inventory.notes.map((n) => `${n.kind}: ${n.object}`), [
      'skipped: view active_users',
      'approximated: collection events',
      'approximated: collection events',
      'approximated: index at_1',
      'approximated: index body_text',
    ]);
    const result = await pullModels(live, { names: capabilities, notes: inventory.notes });
    assert.deepEqual(result.files.map((f) => f.fileName), ['user.ts']);
    assert.ok(result.notes.some((n) => n.object === 'table events' && n.kind === 'skipped'), 'a collection without a key is left out and listed');
  });
});
