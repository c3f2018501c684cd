import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { TidemarkError } from '../errors/tidemark-error.js';
import type { ColumnSnapshot, ForeignKeySnapshot, SchemaSnapshot, TableSnapshot } from '../snapshot/schema-snapshot.js';
import { applyOperation, applyOperations } from './apply-operation.js';
import { op } from './op.js';
import type { Operation } from './operations.js';

const id: ColumnSnapshot = { name: 'id', type: 'i32', nullable: false, autoIncrement: true };
const fkPostsAuthor: ForeignKeySnapshot = {
  name: 'fk_posts_author_id', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action',
};

function users(): TableSnapshot {
  return {
    name: 'users',
    model: 'User',
    columns: [id, { name: 'email', type: 'string', nullable: false, length: 255 }, { name: 'bio', type: 'text', nullable: true }],
    primaryKey: ['id'],
    indexes: [{ name: 'idx_users_email', columns: ['email'], unique: true }],
    foreignKeys: [],
  };
}

function posts(): TableSnapshot {
  return {
    name: 'posts',
    model: 'Post',
    columns: [id, { name: 'author_id', type: 'i32', nullable: false }, { name: 'title', type: 'string', nullable: false, length: 255 }],
    primaryKey: ['id'],
    indexes: [{ name: 'idx_posts_author_id', columns: ['author_id'], unique: false }],
    foreignKeys: [fkPostsAuthor],
  };
}

function schema(...tables: TableSnapshot[]): SchemaSnapshot {
  return { format: 'tidemark.snapshot', version: 2, tables };
}

const base = (): SchemaSnapshot => schema(posts(), users());

function table(s: SchemaSnapshot, name: string): TableSnapshot {
  const t = s.tables.find((x) => x.name === name);
  assert.ok(t, `table ${name} missing`);
  return t;
}

function refused(s: SchemaSnapshot, operation: Operation, ...fragments: string[]): void {
  assert.throws(() => applyOperation(s, operation), (err: unknown) => {
    assert.ok(err instanceof TidemarkError, String(err));
    assert.equal(err.code, 'TM_MIGRATION_INVALID');
    assert.ok(err.message.startsWith(`${operation.kind}: `), err.message);
    for (const f of fragments) assert.ok(err.message.includes(f), `${JSON.stringify(err.message)} lacks ${JSON.stringify(f)}`);
    assert.deepEqual(err.details.operation, operation);
    return true;
  });
}

describe('applyOperation: effects', () => {
  test('createTable adds the table, filling spec defaults; tables stay sorted', () => {
    const after = applyOperation(base(), op.createTable({
      name: 'comments',
      columns: [{ name: 'id', type: 'i32' }, { name: 'post_id', type: 'i32', nullable: true }],
      primaryKey: ['id'],
      indexes: [{ name: 'idx_comments_post_id', columns: ['post_id'] }],
      foreignKeys: [{ name: 'fk_comments_post_id', columns: ['post_id'], referencedTable: 'posts', referencedColumns: ['id'] }],
    }));
    assert.deepEqual(after.tables.map((t) => t.name), ['comments', 'posts', 'users']);
    assert.deepEqual(table(after, 'comments'), {
      name: 'comments',
      model: '',
      columns: [{ name: 'id', type: 'i32', nullable: false }, { name: 'post_id', type: 'i32', nullable: true }],
      primaryKey: ['id'],
      indexes: [{ name: 'idx_comments_post_id', columns: ['post_id'], unique: false }],
      foreignKeys: [{ name: 'fk_comments_post_id', columns: ['post_id'], referencedTable: 'posts', referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action' }],
    });
  });

  test('does not mutate its input', () => {
    const before = base();
    const copy = structuredClone(before);
    applyOperation(before, op.dropColumn('users', 'bio'));
    applyOperation(before, op.renameColumn('users', 'id', 'user_id'));
    applyOperation(before, op.renameTable('users', 'members'));
    assert.deepEqual(before, copy);
  });

  test('dropTable removes an unreferenced table', () => {
    assert.deepEqual(applyOperation(base(), op.dropTable('posts')).tables.map((t) => t.name), ['users']);
  });

  test('dropTable of a self-referencing table is allowed', () => {
    const tree = { ...users(), name: 'nodes', foreignKeys: [{ ...fkPostsAuthor, name: 'fk_nodes_id', columns: ['id'], referencedTable: 'nodes' }] };
    assert.deepEqual(applyOperation(schema(tree), op.dropTable('nodes')).tables, []);
  });

  test('renameTable renames and updates foreign keys in other tables', () => {
    const after = applyOperation(base(), op.renameTable('users', 'members'));
    assert.deepEqual(after.tables.map((t) => t.name), ['members', 'posts']);
    assert.equal(table(after, 'members').model, 'User');
    assert.deepEqual(table(after, 'members').columns, users().columns);
    assert.deepEqual(table(after, 'posts').foreignKeys, [{ ...fkPostsAuthor, referencedTable: 'members' }]);
  });

  test('renameTable updates a self-reference', () => {
    const tree: TableSnapshot = {
      name: 'nodes', model: 'Node',
      columns: [id, { name: 'parent_id', type: 'i32', nullable: true }],
      primaryKey: ['id'], indexes: [],
      foreignKeys: [{ ...fkPostsAuthor, name: 'fk_nodes_parent_id', columns: ['parent_id'], referencedTable: 'nodes' }],
    };
    const after = applyOperation(schema(tree), op.renameTable('nodes', 'tree_nodes'));
    assert.equal(table(after, 'tree_nodes').foreignKeys[0]!.referencedTable, 'tree_nodes');
  });

  test('addColumn appends the column; backfill is not kept as a default', () => {
    const after = applyOperation(base(), op.addColumn('users', { name: 'age', type: 'i32' }, { backfill: 0 }));
    assert.deepEqual(table(after, 'users').columns.map((c) => c.name), ['id', 'email', 'bio', 'age']);
    assert.deepEqual(table(after, 'users').columns[3], { name: 'age', type: 'i32', nullable: false });
  });

  test('dropColumn removes an unused column', () => {
    const after = applyOperation(base(), op.dropColumn('users', 'bio'));
    assert.deepEqual(table(after, 'users').columns.map((c) => c.name), ['id', 'email']);
  });

  test('alterColumn replaces the definition in place', () => {
    const after = applyOperation(base(), op.alterColumn('users', 'email', { type: 'string', length: 320, nullable: true, default: '' }));
    assert.deepEqual(table(after, 'users').columns[1], { name: 'email', type: 'string', nullable: true, default: '', length: 320 });
    assert.deepEqual(table(after, 'users').columns.map((c) => c.name), ['id', 'email', 'bio']);
  });

  test('renameColumn renames in columns, key, indexes, own foreign keys and foreign keys in other tables', () => {
    const s1 = applyOperation(base(), op.renameColumn('users', 'id', 'user_id'));
    const u = table(s1, 'users');
    assert.deepEqual(u.columns.map((c) => c.name), ['user_id', 'email', 'bio']);
    assert.deepEqual(u.primaryKey, ['user_id']);
    assert.deepEqual(table(s1, 'posts').foreignKeys, [{ ...fkPostsAuthor, referencedColumns: ['user_id'] }]);
    assert.deepEqual(table(s1, 'posts').primaryKey, ['id'], 'a same-named column of another table is untouched');

    const s2 = applyOperation(base(), op.renameColumn('posts', 'author_id', 'writer_id'));
    const p = table(s2, 'posts');
    assert.deepEqual(p.indexes, [{ name: 'idx_posts_author_id', columns: ['writer_id'], unique: false }]);
    assert.deepEqual(p.foreignKeys, [{ ...fkPostsAuthor, columns: ['writer_id'] }]);

    const s3 = applyOperation(base(), op.renameColumn('users', 'email', 'mail'));
    assert.deepEqual(table(s3, 'users').indexes, [{ name: 'idx_users_email', columns: ['mail'], unique: true }]);
  });

  test('renameColumn updates a self-reference on both sides', () => {
    const tree: TableSnapshot = {
      name: 'nodes', model: 'Node',
      columns: [id, { name: 'parent_id', type: 'i32', nullable: true }],
      primaryKey: ['id'], indexes: [],
      foreignKeys: [{ ...fkPostsAuthor, name: 'fk_nodes_parent_id', columns: ['parent_id'], referencedTable: 'nodes' }],
    };
    const after = applyOperation(schema(tree), op.renameColumn('nodes', 'id', 'node_id'));
    assert.deepEqual(table(after, 'nodes').foreignKeys[0]!.referencedColumns, ['node_id']);
    assert.deepEqual(table(after, 'nodes').primaryKey, ['node_id']);
  });

  test('alterPrimaryKey replaces the key', () => {
    const after = applyOperation(base(), op.alterPrimaryKey('posts', ['id', 'author_id']));
    assert.deepEqual(table(after, 'posts').primaryKey, ['id', 'author_id']);
  });

  test('createIndex and dropIndex', () => {
    const s1 = applyOperation(base(), op.createIndex('posts', { name: 'idx_posts_title', columns: ['title'], unique: true }));
    assert.deepEqual(table(s1, 'posts').indexes, [
      { name: 'idx_posts_author_id', columns: ['author_id'], unique: false },
      { name: 'idx_posts_title', columns: ['title'], unique: true },
    ]);
    const s2 = applyOperation(s1, op.dropIndex('posts', 'idx_posts_author_id'));
    assert.deepEqual(table(s2, 'posts').indexes.map((i) => i.name), ['idx_posts_title']);
  });

  test('addForeignKey and dropForeignKey', () => {
    const s1 = applyOperation(base(), op.dropForeignKey('posts', 'fk_posts_author_id'));
    assert.deepEqual(table(s1, 'posts').foreignKeys, []);
    const s2 = applyOperation(s1, op.addForeignKey('posts', { name: 'fk_posts_author_id', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' }));
    assert.deepEqual(table(s2, 'posts').foreignKeys, [fkPostsAuthor]);
  });

  test('addForeignKey to its own table', () => {
    const s = applyOperation(base(), op.addForeignKey('users', { name: 'fk_users_self', columns: ['id'], referencedTable: 'users', referencedColumns: ['id'] }));
    assert.equal(table(s, 'users').foreignKeys[0]!.referencedTable, 'users');
  });

  test('execute leaves the schema unchanged', () => {
    const before = base();
    assert.equal(applyOperation(before, op.execute('UPDATE users SET bio = NULL')), before);
  });

  test('applyOperations folds in order', () => {
    const after = applyOperations(base(), [
      op.addColumn('users', { name: 'handle', type: 'string', length: 40 }),
      op.createIndex('users', { name: 'idx_users_handle', columns: ['handle'], unique: true }),
      op.renameColumn('users', 'handle', 'nick'),
    ]);
    assert.deepEqual(table(after, 'users').indexes.find((i) => i.name === 'idx_users_handle')!.columns, ['nick']);
  });
});

describe('applyOperation: refusals are TM_MIGRATION_INVALID', () => {
  test('a missing table', () => {
    const s = base();
    refused(s, op.dropTable('nope'), 'table nope does not exist');
    refused(s, op.renameTable('nope', 'x'), 'nope');
    refused(s, op.addColumn('nope', { name: 'x', type: 'i32' }), 'nope');
    refused(s, op.dropColumn('nope', 'x'), 'nope');
    refused(s, op.alterColumn('nope', 'x', { type: 'i32' }), 'nope');
    refused(s, op.renameColumn('nope', 'x', 'y'), 'nope');
    refused(s, op.alterPrimaryKey('nope', ['id']), 'nope');
    refused(s, op.createIndex('nope', { name: 'i', columns: ['id'] }), 'nope');
    refused(s, op.dropIndex('nope', 'i'), 'nope');
    refused(s, op.addForeignKey('nope', { name: 'f', columns: ['id'], referencedTable: 'users', referencedColumns: ['id'] }), 'nope');
    refused(s, op.dropForeignKey('nope', 'f'), 'nope');
  });

  test('a missing column', () => {
    const s = base();
    refused(s, op.dropColumn('users', 'age'), 'column users.age does not exist');
    refused(s, op.alterColumn('users', 'age', { type: 'i32' }), 'users.age');
    refused(s, op.renameColumn('users', 'age', 'years'), 'users.age');
    refused(s, op.alterPrimaryKey('users', ['id', 'age']), 'users.age');
    refused(s, op.createIndex('users', { name: 'idx_users_age', columns: ['age'] }), 'users.age');
    refused(s, op.addForeignKey('posts', { name: 'f', columns: ['editor_id'], referencedTable: 'users', referencedColumns: ['id'] }), 'posts.editor_id');
    refused(s, op.addForeignKey('posts', { name: 'f', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['uuid'] }), 'users.uuid');
  });

  test('a missing index, foreign key or referenced table', () => {
    const s = base();
    refused(s, op.dropIndex('users', 'idx_users_name'), 'idx_users_name does not exist');
    refused(s, op.dropForeignKey('users', 'fk_posts_author_id'), 'fk_posts_author_id does not exist');
    refused(s, op.addForeignKey('posts', { name: 'f', columns: ['author_id'], referencedTable: 'people', referencedColumns: ['id'] }), 'referenced table people does not exist');
  });

  test('a duplicate', () => {
    const s = base();
    refused(s, op.createTable({ name: 'users', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] }), 'table users already exists');
    refused(s, op.renameTable('users', 'posts'), 'table posts already exists');
    refused(s, op.addColumn('users', { name: 'email', type: 'text' }), 'column users.email already exists');
    refused(s, op.renameColumn('users', 'bio', 'email'), 'column users.email already exists');
    refused(s, op.createIndex('users', { name: 'idx_users_email', columns: ['bio'] }), 'index idx_users_email already exists');
    refused(s, op.addForeignKey('posts', { name: 'fk_posts_author_id', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'] }), 'foreign key fk_posts_author_id already exists');
  });

  test('dropping a column still used by an index, a foreign key or the key', () => {
    const s = base();
    refused(s, op.dropColumn('users', 'email'), 'users.email', 'index idx_users_email', 'drop that first');
    refused(s, op.dropColumn('users', 'id'), 'users.id', 'the primary key');
    const noIndex = applyOperation(s, op.dropIndex('posts', 'idx_posts_author_id'));
    refused(noIndex, op.dropColumn('posts', 'author_id'), 'posts.author_id', 'foreign key fk_posts_author_id');
  });

  test('dropping a column another table references', () => {
    const s = schema(posts(), { ...users(), primaryKey: ['email'] });
    refused(s, op.dropColumn('users', 'id'), 'users.id', 'foreign key posts.fk_posts_author_id');
  });

  test('dropping a table still referenced', () => {
    refused(base(), op.dropTable('users'), 'users', 'still referenced', 'posts');
    const s = applyOperation(base(), op.dropForeignKey('posts', 'fk_posts_author_id'));
    assert.deepEqual(applyOperation(s, op.dropTable('users')).tables.map((t) => t.name), ['posts']);
  });
});
