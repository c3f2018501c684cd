// Golden files: the generated text for each case is compared byte for byte with
// packages/generator/fixtures/<case>/expected.ts. Run with UPDATE_GOLDEN=1 to rewrite them,
// then review the diff like any other code change.
import assert from 'node:assert/strict';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'vitest';
import {
  diffSnapshots, emptySnapshot, hashSnapshot, normalizeSnapshot,
  type ColumnSnapshot, type SchemaSnapshot, type TableSnapshot,
} from '@tidemark/core';
import { renderMigration } from './render-migration.js';
import { newMigrationId } from './migration-id.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

const id = (name: string): ColumnSnapshot => ({ name, type: 'i32', nullable: false, autoIncrement: true });
const str = (name: string, extra: Partial<ColumnSnapshot> = {}): ColumnSnapshot => ({ name, type: 'string', nullable: false, length: 255, ...extra });
const table = (name: string, columns: ColumnSnapshot[], extra: Partial<TableSnapshot> = {}): TableSnapshot =>
  ({ name, model: '', columns, primaryKey: [columns[0]!.name], indexes: [], foreignKeys: [], ...extra });
const schema = (...tables: TableSnapshot[]): SchemaSnapshot => normalizeSnapshot({ ...emptySnapshot(), tables });

const users = table('users', [id('id'), str('name'), str('email'), { name: 'bio', type: 'text', nullable: true }], {
  indexes: [{ name: 'idx_users_email', columns: ['email'], unique: true }],
});
const posts = table('posts', [id('id'), str('title', { length: 200 }), { name: 'author_id', type: 'i32', nullable: false }], {
  indexes: [{ name: 'idx_posts_author_id', columns: ['author_id'], unique: false }],
  foreignKeys: [{ name: 'fk_posts_author_id', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' }],
});

const CASES: Record<string, { before: SchemaSnapshot; after: SchemaSnapshot; message: string; hints?: { columns: { table: string; from: string; to: string }[] } }> = {
  'create-tables': { before: emptySnapshot(), after: schema(posts, users), message: 'create users and posts' },
  'add-columns': {
    before: schema(users),
    after: schema(table('users', [...users.columns, { name: 'is_active', type: 'boolean', nullable: false, default: true }, { name: 'age', type: 'i32', nullable: false }, { name: 'role', type: 'enum', nullable: false, values: ['admin', "o'reilly"], default: 'admin' }], { indexes: users.indexes })),
    message: 'add active, age and role',
  },
  destructive: {
    before: schema(users, posts),
    after: schema(table('users', [id('id'), str('name', { length: 40 }), str('email')], { indexes: users.indexes })),
    message: 'drop posts and bio, shorten names',
  },
  rename: {
    before: schema(users),
    after: schema(table('users', [id('id'), str('full_name'), str('email'), users.columns[3]!], { indexes: users.indexes })),
    message: 'rename name to full_name',
    hints: { columns: [{ table: 'users', from: 'name', to: 'full_name' }] },
  },
  empty: { before: schema(users), after: schema(users), message: 'backfill something by hand' },
  'arrays-and-composite-keys': {
    before: schema(users),
    after: schema(
      table('users', [...users.columns,
        { name: 'tags', type: 'array', items: 'string', nullable: false, length: 30, default: ['a', "it's"] },
        { name: 'scores', type: 'array', items: 'i32', nullable: false }], { indexes: users.indexes }),
      table('grants', [id('id'), { name: 'user_id', type: 'i32', nullable: false }, str('user_email', { nullable: true })], {
        foreignKeys: [{ name: 'fk_grants_user_email', columns: ['user_email'], referencedTable: 'users', referencedColumns: ['email'], onDelete: 'set null', onUpdate: 'cascade' }],
      }),
      table('grant_notes', [id('id'), { name: 'grant_id', type: 'i32', nullable: false }, { name: 'grant_user', type: 'i32', nullable: false }], {
        foreignKeys: [{ name: 'fk_grant_notes_grant_id_grant_user', columns: ['grant_id', 'grant_user'], referencedTable: 'grants', referencedColumns: ['id', 'user_id'], onDelete: 'cascade', onUpdate: 'restrict' }],
      }),
    ),
    message: 'array columns and composite foreign keys',
  },
};

for (const [name, c] of Object.entries(CASES)) {
  test(`golden: ${name}`, async () => {
    const operations = await diffSnapshots(c.before, c.after, { renames: { mode: 'none' }, hints: { tables: [], columns: c.hints?.columns ?? [] } });
    const migrationId = newMigrationId(c.message, new Date(Date.UTC(2025, 0, 17, 13, 0, 0)), []);
    const { text } = renderMigration({
      id: migrationId, message: c.message, operations, before: c.before,
      header: { from: await hashSnapshot(c.before), to: await hashSnapshot(c.after) },
    });
    const path = join(FIXTURES, name, 'expected.ts');
    if (process.env.UPDATE_GOLDEN) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    }
    assert.equal(text, await readFile(path, 'utf8'));
  });
}

test('the same input renders byte-identical text', async () => {
  const operations = await diffSnapshots(emptySnapshot(), schema(posts, users));
  const render = async () => renderMigration({
    id: '20250117_130000_x', message: 'x', operations, before: emptySnapshot(),
    header: { from: await hashSnapshot(emptySnapshot()), to: await hashSnapshot(schema(posts, users)) },
  }).text;
  assert.equal(await render(), await render());
});

test('newMigrationId moves past an existing id from the same second', () => {
  const now = new Date(Date.UTC(2025, 0, 17, 13, 0, 0));
  assert.equal(newMigrationId('Add user email!', now, []), '20250117_130000_add_user_email');
  assert.equal(newMigrationId('next', now, ['20250117_130000_add_user_email']), '20250117_130001_next');
  assert.equal(newMigrationId('next', now, ['20250117_120000_old']), '20250117_130000_next');
});
