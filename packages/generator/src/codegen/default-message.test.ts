import assert from 'node:assert/strict';
import { test } from 'vitest';
import { slugify, type Operation } from '@tidemark/core';
import { defaultMessage } from './default-message.js';

const addColumn = (table: string, name: string): Operation => ({ kind: 'addColumn', table, column: { name, type: 'string', nullable: true } });
const index = (name: string): Operation => ({ kind: 'createIndex', table: 'users', index: { name, columns: ['website'], unique: false } });

test('a migration without -m is named after its changes', () => {
  assert.equal(slugify(defaultMessage([addColumn('users', 'website')])), 'add_users_website');
  assert.equal(slugify(defaultMessage([{ kind: 'dropColumn', table: 'users', column: 'bio' }])), 'drop_users_bio');
  assert.equal(defaultMessage([addColumn('users', 'website'), { kind: 'dropTable', table: 'posts' }]), 'add users website and drop posts');
  assert.equal(defaultMessage([addColumn('a', 'x'), addColumn('b', 'y'), addColumn('c', 'z'), addColumn('d', 'w')]), 'add a x and 3 more');
});

test('indexes that come with a change stay out of the name; alone, they name it', () => {
  assert.equal(defaultMessage([addColumn('users', 'website'), index('idx_users_website')]), 'add users website');
  assert.equal(defaultMessage([index('idx_users_website')]), 'add index idx_users_website');
});
