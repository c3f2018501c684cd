import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { buildSnapshot, type SchemaSnapshot } from '@tidemark/core';
import { findModelFiles } from './find-model-files.js';
import { readModelFiles } from './read-model-files.js';

const cwd = fileURLToPath(new URL('./__fixtures__/blog/', import.meta.url));

// The blog fixture models read statically, as `migrate:generate` would. Each table checks a rule:
// users: default names, @Unique, `?`/`| null`, literal initializers, a union from an alias in a
// non-model file, relations without columns, @Ignore; blog_posts: @Model({ table }), composite and
// named indexes, a string enum, @BelongsTo's column, constraint and (covered) index, brands,
// @Column refinements, Default.now, a non-literal initializer that is no default; profiles: a
// nullable foreign key from an aliased import; post_tags: a composite key of foreign keys.
const expected: SchemaSnapshot = {
  format: 'tidemark.snapshot',
  version: 2,
  tables: [
    {
      name: 'blog_posts',
      model: 'Post',
      columns: [
        { name: 'id', type: 'i32', nullable: false, autoIncrement: true },
        { name: 'title', type: 'string', nullable: false, length: 255 },
        { name: 'slug', type: 'string', nullable: false, length: 255 },
        { name: 'body', type: 'text', nullable: false },
        { name: 'status', type: 'enum', nullable: false, default: 'draft', values: ['draft', 'published', 'archived'] },
        { name: 'author_id', type: 'i32', nullable: false },
        { name: 'rating', type: 'decimal', nullable: true, precision: 3, scale: 1 },
        { name: 'published_on', type: 'timestamp', nullable: true },
        { name: 'tags', type: 'json', nullable: false },
        { name: 'created_at', type: 'timestamp', nullable: false, default: { fn: 'now' } },
        { name: 'updated_at', type: 'timestamp', nullable: false },
        { name: 'views', type: 'i64', nullable: false, default: 0 },
      ],
      primaryKey: ['id'],
      indexes: [
        { name: 'idx_blog_posts_author_id_published_on', columns: ['author_id', 'published_on'], unique: false },
        { name: 'uq_blog_posts_slug', columns: ['slug'], unique: true },
      ],
      foreignKeys: [
        { name: 'fk_blog_posts_author_id', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' },
      ],
    },
    {
      name: 'post_tags',
      model: 'PostTag',
      columns: [
        { name: 'post_id', type: 'i32', nullable: false },
        { name: 'tag_id', type: 'i64', nullable: false },
        { name: 'position', type: 'i32', nullable: false, default: 0 },
      ],
      primaryKey: ['post_id', 'tag_id'],
      indexes: [
        { name: 'idx_post_tags_position', columns: ['position'], unique: false },
        { name: 'idx_post_tags_tag_id', columns: ['tag_id'], unique: false },
      ],
      foreignKeys: [
        { name: 'fk_post_tags_post_id', columns: ['post_id'], referencedTable: 'blog_posts', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' },
        { name: 'fk_post_tags_tag_id', columns: ['tag_id'], referencedTable: 'tags', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' },
      ],
    },
    {
      name: 'profiles',
      model: 'Profile',
      columns: [
        { name: 'id', type: 'uuid', nullable: false },
        { name: 'avatar', type: 'bytes', nullable: true },
        { name: 'country', type: 'string', nullable: false, length: 2 },
        { name: 'settings', type: 'json', nullable: false },
        { name: 'user_id', type: 'i32', nullable: true },
      ],
      primaryKey: ['id'],
      indexes: [
        { name: 'idx_profiles_user_id', columns: ['user_id'], unique: false },
      ],
      foreignKeys: [
        { name: 'fk_profiles_user_id', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'no action' },
      ],
    },
    {
      name: 'tags',
      model: 'Tag',
      columns: [
        { name: 'id', type: 'i64', nullable: false, autoIncrement: true },
        { name: 'label', type: 'string', nullable: false, length: 255 },
      ],
      primaryKey: ['id'],
      indexes: [
        { name: 'idx_tags_label', columns: ['label'], unique: true },
      ],
      foreignKeys: [
      ],
    },
    {
      name: 'users',
      model: 'User',
      columns: [
        { name: 'id', type: 'i32', nullable: false, autoIncrement: true },
        { name: 'name', type: 'string', nullable: false, length: 255 },
        { name: 'email', type: 'string', nullable: false, length: 255 },
        { name: 'bio', type: 'string', nullable: true, length: 255 },
        { name: 'is_active', type: 'boolean', nullable: false, default: true },
        { name: 'role', type: 'enum', nullable: false, default: 'member', values: ['admin', 'member'] },
      ],
      primaryKey: ['id'],
      indexes: [
        { name: 'idx_users_email', columns: ['email'], unique: true },
      ],
      foreignKeys: [
      ],
    },
  ],
};

describe('readModelFiles + buildSnapshot over the blog fixture', () => {
  it('builds the exact snapshot', () => {
    const { snapshot } = buildSnapshot(readModelFiles(findModelFiles(cwd, ['*.ts']), { cwd }));
    assert.deepStrictEqual(snapshot, expected);
  });

  it('returns the renames the models declare', () => {
    const { hints } = buildSnapshot(readModelFiles(findModelFiles(cwd, ['*.ts']), { cwd }));
    assert.deepStrictEqual(hints, {
      tables: [{ from: 'user_profiles', to: 'profiles' }],
      columns: [{ table: 'blog_posts', from: 'published_at', to: 'published_on' }],
    });
  });

  it('gives the same snapshot whatever the file order', () => {
    const files = findModelFiles(cwd, ['*.ts']).reverse();
    assert.deepStrictEqual(buildSnapshot(readModelFiles(files, { cwd })).snapshot, expected);
  });
});
