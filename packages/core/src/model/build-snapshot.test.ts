import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { isTidemarkError, TidemarkError } from '../errors/tidemark-error.js';
import type { ColumnSnapshot, SchemaSnapshot, TableSnapshot } from '../snapshot/schema-snapshot.js';
import { buildSnapshot } from './build-snapshot.js';
import type { ModelDescription, PropertyDescription, TypeRef } from './model-description.js';

// --- builders ----------------------------------------------------------------------------------

const FILE = 'src/models/blog.ts';
let nextLine = 10;

function prop(name: string, type: TypeRef, extra: Partial<PropertyDescription> = {}): PropertyDescription {
  return { name, type, optional: false, line: nextLine++, ...extra };
}
const scalar = (type: Extract<TypeRef, { kind: 'scalar' }>['type']): TypeRef => ({ kind: 'scalar', type });
const enumOf = (...values: string[]): TypeRef => ({ kind: 'enum', values });
const modelRef = (name: string, array = false): TypeRef => ({ kind: 'model', name, array });
const key = (name = 'id', extra: Partial<PropertyDescription> = {}) => prop(name, scalar('i32'), { key: true, auto: true, ...extra });

function model(className: string, properties: PropertyDescription[], extra: Partial<ModelDescription> = {}): ModelDescription {
  return { className, file: FILE, line: 1, indexes: [], properties, ...extra };
}

function table(s: SchemaSnapshot, name: string): TableSnapshot {
  const t = s.tables.find((x) => x.name === name);
  assert.ok(t, `no table ${name} in ${s.tables.map((x) => x.name).join(', ')}`);
  return t;
}

function column(t: TableSnapshot, name: string): ColumnSnapshot {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `no column ${name} in ${t.name}: ${t.columns.map((x) => x.name).join(', ')}`);
  return c;
}

/** Asserts buildSnapshot fails with TM_MODEL_INVALID naming `file:line` and the fragments. */
function invalid(models: ModelDescription[], where: string, ...fragments: string[]): TidemarkError {
  let caught: unknown;
  try {
    buildSnapshot(models);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof TidemarkError, `expected TM_MODEL_INVALID, got ${String(caught)}`);
  assert.equal(caught.code, 'TM_MODEL_INVALID');
  assert.equal(caught.exitCode, 2);
  assert.ok(caught.message.startsWith(where), `${JSON.stringify(caught.message)} does not start with ${where}`);
  for (const f of fragments) assert.ok(caught.message.includes(f), `${JSON.stringify(caught.message)} lacks ${JSON.stringify(f)}`);
  assert.ok(caught.hint.length > 0);
  return caught;
}

// --- tests -------------------------------------------------------------------------------------

describe('buildSnapshot: naming', () => {
  test('tables are snake_case plurals, columns snake_case; @Model({ table }) and @Column({ name }) override', () => {
    const { snapshot } = buildSnapshot([
      model('User', [key(), prop('isActive', scalar('boolean')), prop('publishedAt', scalar('timestamp'), { column: { name: 'published_on' } })]),
      model('PostTag', [key()]),
      model('Person', [key()]),
      model('Category', [key()]),
      model('Post', [key()], { table: 'blog_posts' }),
    ]);
    assert.deepEqual(snapshot.tables.map((t) => t.name), ['blog_posts', 'categories', 'people', 'post_tags', 'users']);
    assert.deepEqual(table(snapshot, 'users').columns.map((c) => c.name), ['id', 'is_active', 'published_on']);
    assert.equal(table(snapshot, 'blog_posts').model, 'Post');
    assert.equal(snapshot.format, 'tidemark.snapshot');
    assert.equal(snapshot.version, 2);
  });
});

describe('buildSnapshot: columns', () => {
  test('every scalar type maps to its portable type, string and decimal with default sizes', () => {
    const { snapshot } = buildSnapshot([model('Everything', [
      key(),
      prop('big', scalar('i64')),
      prop('ratio', scalar('f64')),
      prop('price', scalar('decimal')),
      prop('title', scalar('string')),
      prop('body', scalar('text')),
      prop('flag', scalar('boolean')),
      prop('ref', scalar('uuid')),
      prop('at', scalar('timestamp')),
      prop('data', scalar('json')),
      prop('blob', scalar('bytes')),
      prop('birthday', scalar('timestamp'), { column: { type: 'date' } }),
    ])]);
    assert.deepEqual(table(snapshot, 'everythings').columns, [
      { name: 'id', type: 'i32', nullable: false, autoIncrement: true },
      { name: 'big', type: 'i64', nullable: false },
      { name: 'ratio', type: 'f64', nullable: false },
      { name: 'price', type: 'decimal', nullable: false, precision: 10, scale: 2 },
      { name: 'title', type: 'string', nullable: false, length: 255 },
      { name: 'body', type: 'text', nullable: false },
      { name: 'flag', type: 'boolean', nullable: false },
      { name: 'ref', type: 'uuid', nullable: false },
      { name: 'at', type: 'timestamp', nullable: false },
      { name: 'data', type: 'json', nullable: false },
      { name: 'blob', type: 'bytes', nullable: false },
      { name: 'birthday', type: 'date', nullable: false },
    ]);
  });

  test('@Column refines length, precision and scale, and type overrides', () => {
    const { snapshot } = buildSnapshot([model('Item', [
      key(),
      prop('code', scalar('string'), { column: { length: 12 } }),
      prop('price', scalar('decimal'), { column: { precision: 14, scale: 4 } }),
      prop('notes', scalar('string'), { column: { type: 'text' } }),
    ])]);
    const t = table(snapshot, 'items');
    assert.deepEqual(column(t, 'code'), { name: 'code', type: 'string', nullable: false, length: 12 });
    assert.deepEqual(column(t, 'price'), { name: 'price', type: 'decimal', nullable: false, precision: 14, scale: 4 });
    assert.deepEqual(column(t, 'notes'), { name: 'notes', type: 'text', nullable: false });
  });

  test('a string-literal union or enum becomes an enum column with its values in order', () => {
    const { snapshot } = buildSnapshot([model('User', [
      key(),
      prop('role', enumOf('admin', 'member')),
      prop('status', enumOf('b', 'a'), { column: { type: 'enum' } }),
    ])]);
    assert.deepEqual(column(table(snapshot, 'users'), 'role'), { name: 'role', type: 'enum', nullable: false, values: ['admin', 'member'] });
    assert.deepEqual(column(table(snapshot, 'users'), 'status').values, ['b', 'a']);
  });

  test('@Column({ type }) that turns a union into a plain string or text keeps no enum values (values are enum-only)', () => {
    const { snapshot } = buildSnapshot([model('User', [
      key(),
      prop('role', enumOf('admin', 'member'), { column: { type: 'text' } }),
      prop('tier', enumOf('gold', 'silver'), { column: { type: 'string', length: 10 } }),
    ])]);
    assert.deepEqual(column(table(snapshot, 'users'), 'role'), { name: 'role', type: 'text', nullable: false });
    assert.deepEqual(column(table(snapshot, 'users'), 'tier'), { name: 'tier', type: 'string', nullable: false, length: 10 });
  });

  test('nullability: optional is nullable; @Column({ nullable }) overrides both ways', () => {
    const { snapshot } = buildSnapshot([model('User', [
      key(),
      prop('bio', scalar('text'), { optional: true }),
      prop('name', scalar('string')),
      prop('nick', scalar('string'), { optional: true, column: { nullable: false } }),
      prop('motto', scalar('string'), { column: { nullable: true } }),
    ])]);
    const t = table(snapshot, 'users');
    assert.equal(column(t, 'bio').nullable, true);
    assert.equal(column(t, 'name').nullable, false);
    assert.equal(column(t, 'nick').nullable, false);
    assert.equal(column(t, 'motto').nullable, true);
  });

  test('defaults: a literal initializer, @Default (which wins), Default.now on timestamps and dates', () => {
    const { snapshot } = buildSnapshot([model('User', [
      key(),
      prop('isActive', scalar('boolean'), { initializer: true }),
      prop('score', scalar('i32'), { initializer: 0 }),
      prop('title', scalar('string'), { initializer: 'untitled' }),
      prop('rank', scalar('i32'), { initializer: 1, default: 2 }),
      prop('role', enumOf('admin', 'member'), { initializer: 'member' }),
      prop('createdAt', scalar('timestamp'), { default: { fn: 'now' } }),
      prop('day', scalar('timestamp'), { column: { type: 'date' }, default: { fn: 'now' } }),
    ])]);
    const t = table(snapshot, 'users');
    assert.equal(column(t, 'is_active').default, true);
    assert.equal(column(t, 'score').default, 0);
    assert.equal(column(t, 'title').default, 'untitled');
    assert.equal(column(t, 'rank').default, 2);
    assert.equal(column(t, 'role').default, 'member');
    assert.deepEqual(column(t, 'created_at').default, { fn: 'now' });
    assert.deepEqual(column(t, 'day'), { name: 'day', type: 'date', nullable: false, default: { fn: 'now' } });
    assert.equal('default' in column(t, 'id'), false);
  });

  test('@Auto marks an integer key auto-increment, i32 or i64', () => {
    const { snapshot } = buildSnapshot([model('Event', [prop('id', scalar('i64'), { key: true, auto: true })])]);
    assert.deepEqual(column(table(snapshot, 'events'), 'id'), { name: 'id', type: 'i64', nullable: false, autoIncrement: true });
  });

  test('@Ignore and @HasMany/@HasOne make no column', () => {
    const { snapshot } = buildSnapshot([
      model('User', [
        key(),
        prop('cache', { kind: 'unknown', text: 'Map<string, number>' }, { ignore: true }),
        prop('posts', modelRef('Post', true), { relation: { kind: 'hasMany', target: 'Post' } }),
        prop('profile', modelRef('Profile'), { relation: { kind: 'hasOne', target: 'Profile' } }),
      ]),
      model('Post', [key()]),
      model('Profile', [key()]),
    ]);
    assert.deepEqual(table(snapshot, 'users').columns.map((c) => c.name), ['id']);
  });

  test('composite key in declaration order', () => {
    const { snapshot } = buildSnapshot([model('Membership', [
      prop('groupId', scalar('i32'), { key: true }),
      prop('userId', scalar('i32'), { key: true }),
      prop('note', scalar('text')),
    ])]);
    assert.deepEqual(table(snapshot, 'memberships').primaryKey, ['group_id', 'user_id']);
  });
});

describe('buildSnapshot: indexes', () => {
  test('@Unique and @Index make single-column indexes named idx_<table>_<column>', () => {
    const { snapshot } = buildSnapshot([model('User', [
      key(),
      prop('email', scalar('string'), { unique: true }),
      prop('lastName', scalar('string'), { index: true }),
    ])]);
    assert.deepEqual(table(snapshot, 'users').indexes, [
      { name: 'idx_users_email', columns: ['email'], unique: true },
      { name: 'idx_users_last_name', columns: ['last_name'], unique: false },
    ]);
  });

  test('class @Index: composite with a default name, or a given name and unique', () => {
    const { snapshot } = buildSnapshot([model('Post', [
      key(),
      prop('slug', scalar('string')),
      prop('publishedAt', scalar('timestamp'), { column: { name: 'published_on' } }),
    ], {
      table: 'blog_posts',
      indexes: [{ properties: ['slug', 'publishedAt'] }, { properties: ['publishedAt'], unique: true, name: 'uq_published' }],
    })]);
    assert.deepEqual(table(snapshot, 'blog_posts').indexes, [
      { name: 'idx_blog_posts_slug_published_on', columns: ['slug', 'published_on'], unique: false },
      { name: 'uq_published', columns: ['published_on'], unique: true },
    ]);
  });
});

describe('buildSnapshot: relations', () => {
  const user = () => model('User', [key()]);

  test('@BelongsTo with a declared key property: fk_<table>_<column>, onDelete, and an index on the column', () => {
    const { snapshot } = buildSnapshot([
      user(),
      model('Post', [
        key(),
        prop('author', modelRef('User'), { relation: { kind: 'belongsTo', target: 'User', options: { onDelete: 'cascade' } } }),
        prop('authorId', scalar('i64')),
      ], { table: 'blog_posts' }),
    ]);
    const t = table(snapshot, 'blog_posts');
    assert.deepEqual(t.columns.map((c) => c.name), ['id', 'author_id']);
    assert.deepEqual(column(t, 'author_id'), { name: 'author_id', type: 'i64', nullable: false }, 'the declared property decides the type');
    assert.deepEqual(t.foreignKeys, [{
      name: 'fk_blog_posts_author_id', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action',
    }]);
    assert.deepEqual(t.indexes, [{ name: 'idx_blog_posts_author_id', columns: ['author_id'], unique: false }]);
  });

  test('@BelongsTo without a key property synthesizes the column from the target key; actions default to no action', () => {
    const { snapshot } = buildSnapshot([
      model('Account', [prop('code', scalar('string'), { key: true, column: { length: 8 } })]),
      model('Invoice', [
        key(),
        prop('account', modelRef('Account'), { relation: { kind: 'belongsTo', target: 'Account', options: { onUpdate: 'cascade' } } }),
        prop('payer', modelRef('Account'), { optional: true, relation: { kind: 'belongsTo', target: 'Account', options: { onDelete: 'set null' } } }),
      ]),
    ]);
    const t = table(snapshot, 'invoices');
    assert.deepEqual(column(t, 'account_id'), { name: 'account_id', type: 'string', nullable: false, length: 8 });
    assert.deepEqual(column(t, 'payer_id'), { name: 'payer_id', type: 'string', nullable: true, length: 8 });
    assert.equal('autoIncrement' in column(t, 'account_id'), false);
    assert.deepEqual(t.foreignKeys, [
      { name: 'fk_invoices_account_id', columns: ['account_id'], referencedTable: 'accounts', referencedColumns: ['code'], onDelete: 'no action', onUpdate: 'cascade' },
      { name: 'fk_invoices_payer_id', columns: ['payer_id'], referencedTable: 'accounts', referencedColumns: ['code'], onDelete: 'set null', onUpdate: 'no action' },
    ]);
  });

  test('the synthesized column of an auto-increment key is a plain integer', () => {
    const { snapshot } = buildSnapshot([user(), model('Post', [key(), prop('author', modelRef('User'), { relation: { kind: 'belongsTo', target: 'User' } })])]);
    assert.deepEqual(column(table(snapshot, 'posts'), 'author_id'), { name: 'author_id', type: 'i32', nullable: false });
  });

  test('the key option names the property holding the value, and its @Column name is used', () => {
    const { snapshot } = buildSnapshot([
      user(),
      model('Post', [
        key(),
        prop('writer', modelRef('User'), { relation: { kind: 'belongsTo', target: 'User', options: { key: 'writtenBy' } } }),
        prop('writtenBy', scalar('i32'), { column: { name: 'writer_ref' } }),
      ]),
    ]);
    const t = table(snapshot, 'posts');
    assert.deepEqual(t.columns.map((c) => c.name), ['id', 'writer_ref']);
    assert.deepEqual(t.foreignKeys.map((f) => [f.name, f.columns]), [['fk_posts_writer_ref', ['writer_ref']]]);
  });

  test('no extra index when an index already starts with the column, or the key does', () => {
    const { snapshot } = buildSnapshot([
      user(),
      model('Post', [
        key(),
        prop('author', modelRef('User'), { relation: { kind: 'belongsTo', target: 'User' } }),
        prop('authorId', scalar('i32')),
        prop('publishedAt', scalar('timestamp')),
      ], { indexes: [{ properties: ['authorId', 'publishedAt'] }] }),
      model('Profile', [
        prop('user', modelRef('User'), { relation: { kind: 'belongsTo', target: 'User' } }),
        prop('userId', scalar('i32'), { key: true }),
      ]),
      model('Like', [
        key(),
        prop('user', modelRef('User'), { relation: { kind: 'belongsTo', target: 'User' } }),
        prop('userId', scalar('i32'), { unique: true }),
      ]),
    ]);
    assert.deepEqual(table(snapshot, 'posts').indexes.map((i) => i.name), ['idx_posts_author_id_published_at']);
    assert.deepEqual(table(snapshot, 'profiles').indexes, []);
    assert.deepEqual(table(snapshot, 'likes').indexes, [{ name: 'idx_likes_user_id', columns: ['user_id'], unique: true }]);
  });

  test('an index that only contains the column later still gets the foreign key its own index', () => {
    const { snapshot } = buildSnapshot([
      user(),
      model('Post', [
        key(),
        prop('author', modelRef('User'), { relation: { kind: 'belongsTo', target: 'User' } }),
        prop('authorId', scalar('i32')),
        prop('slug', scalar('string')),
      ], { indexes: [{ properties: ['slug', 'authorId'] }] }),
    ]);
    assert.deepEqual(table(snapshot, 'posts').indexes.map((i) => i.name), ['idx_posts_author_id', 'idx_posts_slug_author_id']);
  });

  test('a class @Index may name the relation property', () => {
    const { snapshot } = buildSnapshot([
      user(),
      model('Post', [
        key(),
        prop('author', modelRef('User'), { relation: { kind: 'belongsTo', target: 'User' } }),
        prop('rank', scalar('i32')),
      ], { indexes: [{ properties: ['author', 'rank'] }] }),
    ]);
    assert.deepEqual(table(snapshot, 'posts').indexes, [{ name: 'idx_posts_author_id_rank', columns: ['author_id', 'rank'], unique: false }]);
  });

  test('a class @Index naming the relation uses the key property\'s @Column name', () => {
    const { snapshot } = buildSnapshot([
      user(),
      model('Post', [
        key(),
        prop('author', modelRef('User'), { relation: { kind: 'belongsTo', target: 'User' } }),
        prop('authorId', scalar('i32'), { column: { name: 'writer_id' } }),
        prop('rank', scalar('i32')),
      ], { indexes: [{ properties: ['author', 'rank'] }] }),
    ]);
    const t = table(snapshot, 'posts');
    assert.deepEqual(t.indexes, [{ name: 'idx_posts_writer_id_rank', columns: ['writer_id', 'rank'], unique: false }]);
    for (const i of t.indexes) for (const c of i.columns) column(t, c);
  });

  test('a self-reference', () => {
    const { snapshot } = buildSnapshot([model('Category', [
      key(),
      prop('parent', modelRef('Category'), { optional: true, relation: { kind: 'belongsTo', target: 'Category' } }),
    ])]);
    const t = table(snapshot, 'categories');
    assert.deepEqual(column(t, 'parent_id'), { name: 'parent_id', type: 'i32', nullable: true });
    assert.equal(t.foreignKeys[0]!.referencedTable, 'categories');
  });
});

describe('buildSnapshot: rename hints', () => {
  test('renamedFrom on a model and on a column become hints under the new names', () => {
    const { snapshot, hints } = buildSnapshot([
      model('Member', [
        key(),
        prop('fullName', scalar('string'), { column: { renamedFrom: 'name' } }),
        prop('publishedAt', scalar('timestamp'), { column: { name: 'published_on', renamedFrom: 'published_at' } }),
      ], { renamedFrom: 'users' }),
    ]);
    assert.deepEqual(hints, {
      tables: [{ from: 'users', to: 'members' }],
      columns: [{ table: 'members', from: 'name', to: 'full_name' }, { table: 'members', from: 'published_at', to: 'published_on' }],
    });
    assert.equal(JSON.stringify(snapshot).includes('renamedFrom'), false, 'hints are never stored in the snapshot');
  });

  test('no renamedFrom, no hints', () => {
    assert.deepEqual(buildSnapshot([model('User', [key()])]).hints, { tables: [], columns: [] });
  });
});

describe('buildSnapshot: errors are TM_MODEL_INVALID naming file:line', () => {
  test('column options no database can honour (shared by the static and the run-time reader)', () => {
    const at = (p: PropertyDescription) => `${FILE}:${p.line} (T.${p.name})`;
    const cases: [PropertyDescription, string][] = [
      [prop('a', scalar('string'), { column: { length: -5 } }), 'length -5 is not a positive whole number'],
      [prop('a', scalar('string'), { column: { length: 0 } }), 'length 0'],
      [prop('a', scalar('string'), { column: { length: 2.5 } }), 'length 2.5'],
      [prop('a', scalar('decimal'), { column: { precision: 4, scale: 6 } }), 'scale 6 is larger than precision 4'],
      [prop('a', scalar('decimal'), { column: { scale: 12 } }), 'scale 12 is larger than the default precision 10'],
      [prop('a', scalar('decimal'), { column: { precision: 0 } }), 'precision 0'],
      [prop('a', scalar('i32'), { initializer: 'x' }), 'default "x" does not fit column type i32'],
      [prop('a', scalar('i32'), { default: 'abc' }), 'default "abc" does not fit column type i32'],
      [prop('a', scalar('i32'), { default: 1.5 }), 'a whole number'],
      [prop('a', scalar('i32'), { default: 3_000_000_000 }), 'out of the i32 range'],
      [prop('a', scalar('boolean'), { default: 1 }), 'does not fit column type boolean'],
      [prop('a', scalar('string'), { default: 3 }), 'does not fit column type string'],
      [prop('a', scalar('string'), { default: 'abcdef', column: { length: 3 } }), 'longer than the column\'s length 3'],
      [prop('a', scalar('string'), { column: { name: '' } }), 'the column name is empty'],
      [prop('a', scalar('string'), { column: { renamedFrom: '' } }), 'renamedFrom is empty'],
    ];
    for (const [p, problem] of cases) invalid([model('T', [key(), p])], at(p), problem);
    // what stays allowed: a decimal as a numeric string keeps its digits; scale 0; an integer on f64
    const ok = buildSnapshot([model('T', [key(), prop('a', scalar('decimal'), { default: '9.99' }), prop('b', scalar('decimal'), { column: { precision: 5, scale: 0 } }), prop('c', scalar('f64'), { default: 1 })])]);
    assert.equal(column(table(ok.snapshot, 'ts'), 'a').default, '9.99');
  });

  test('an empty table name', () => {
    invalid([model('User', [key()], { table: '', line: 4 })], `${FILE}:4`, 'the table name is empty');
    invalid([model('User', [key()], { renamedFrom: ' ', line: 5 })], `${FILE}:5`, 'renamedFrom is empty');
  });

  test('a model without @Key', () => {
    invalid([model('User', [prop('name', scalar('string'))], { line: 7 })], `${FILE}:7`, 'User', 'no @Key');
  });

  test('two models on one table', () => {
    invalid([model('User', [key()]), model('Member', [key()], { table: 'users', line: 30 })], `${FILE}:30`, 'User', 'Member', 'users');
  });

  test('the same class declared twice', () => {
    invalid([model('User', [key()]), model('User', [key()], { file: 'src/other.ts', line: 3 })], 'src/other.ts:3', 'declared twice');
  });

  test('a relation to a class that is not a model', () => {
    invalid([model('Post', [key(), prop('author', modelRef('Author'), { line: 42, relation: { kind: 'belongsTo', target: 'Author' } })])],
      `${FILE}:42`, 'Post.author', 'Author', 'not a model');
  });

  test('@Key on a relation', () => {
    invalid([
      model('User', [key()]),
      model('Profile', [prop('user', modelRef('User'), { key: true, line: 51, relation: { kind: 'belongsTo', target: 'User' } })]),
    ], `${FILE}:51`, 'Profile.user', '@Key');
  });

  test('a model-typed property without a relation decorator', () => {
    invalid([model('User', [key()]), model('Post', [key(), prop('author', modelRef('User'), { line: 60 })])], `${FILE}:60`, 'Post.author', 'User');
  });

  test('an unknown type', () => {
    invalid([model('User', [key(), prop('tags', { kind: 'unknown', text: 'Set<string>' }, { line: 12 })])], `${FILE}:12`, 'User.tags', 'Set<string>');
  });

  test('Default.now on a column that is not a date', () => {
    invalid([model('User', [key(), prop('name', scalar('string'), { line: 13, default: { fn: 'now' } })])], `${FILE}:13`, 'User.name', 'Default.now');
    invalid([model('User', [key(), prop('n', scalar('i64'), { line: 14, default: { fn: 'now' } })])], `${FILE}:14`, 'Default.now');
  });

  test('an enum default that is not one of its values', () => {
    invalid([model('User', [key(), prop('role', enumOf('admin', 'member'), { line: 15, initializer: 'owner' })])], `${FILE}:15`, 'User.role', '"owner"', 'admin, member');
    invalid([model('User', [key(), prop('role', enumOf('admin', 'member'), { line: 16, default: 'root' })])], `${FILE}:16`, '"root"');
  });

  test('@Auto on a string (or any non-integer)', () => {
    invalid([model('User', [prop('id', scalar('string'), { key: true, auto: true, line: 17 })])], `${FILE}:17`, 'User.id', '@Auto');
    invalid([model('User', [prop('id', scalar('f64'), { key: true, auto: true, line: 18 })])], `${FILE}:18`, '@Auto');
  });

  test('@Column({ type: "enum" }) on a type without values', () => {
    invalid([model('User', [key(), prop('role', scalar('string'), { line: 19, column: { type: 'enum' } })])], `${FILE}:19`, 'enum');
  });

  test('two properties on one column', () => {
    invalid([model('User', [key(), prop('name', scalar('string')), prop('fullName', scalar('string'), { line: 20, column: { name: 'name' } })])],
      `${FILE}:20`, 'column name');
  });

  test('a class @Index naming an unknown property, at the index line', () => {
    invalid([model('User', [key()], { indexes: [{ properties: ['nope'], line: 4 }] })], `${FILE}:4`, 'nope');
  });

  test('@BelongsTo whose key and references differ in length, or reference what is neither key nor unique', () => {
    const membership = model('Membership', [prop('a', scalar('i32'), { key: true }), prop('b', scalar('i32'), { key: true }), prop('label', scalar('string'))]);
    const grant = (line: number, options: object) => model('Grant', [key(), prop('membership', modelRef('Membership'), { line, relation: { kind: 'belongsTo', target: 'Membership', options } })]);
    invalid([membership, grant(21, { key: 'membershipId' })], `${FILE}:21`, 'key names 1 property but it references 2 (a, b)');
    invalid([membership, grant(22, { references: 'label' })], `${FILE}:22`, 'memberships(label)', 'neither its key (a, b) nor a unique index');
    invalid([membership, grant(23, { references: ['b', 'a'], key: ['x', 'y'] })], `${FILE}:23`, 'memberships(b, a)');
    invalid([membership, grant(24, { references: 'nope' })], `${FILE}:24`, 'references nope, which is not a column property of Membership');
    invalid([membership, grant(25, { references: [] })], `${FILE}:25`, 'references lists no property');
  });

  test("'set null' on a composite foreign key with a NOT NULL column", () => {
    invalid([
      model('Membership', [prop('a', scalar('i32'), { key: true }), prop('b', scalar('i32'), { key: true })]),
      model('Grant', [key(), prop('membershipA', scalar('i32'), { optional: true }), prop('membershipB', scalar('i32')),
        prop('membership', modelRef('Membership'), { line: 26, optional: true, relation: { kind: 'belongsTo', target: 'Membership', options: { onDelete: 'set null' } } })]),
    ], `${FILE}:26`, 'column membership_b is NOT NULL');
  });

  test('the error details carry file, line, model and property', () => {
    const err = invalid([model('User', [key(), prop('tags', { kind: 'unknown', text: 'Set<string>' }, { line: 99 })])], `${FILE}:99`);
    assert.deepEqual(err.details, { file: FILE, line: 99, model: 'User', property: 'tags' });
  });
});

describe('buildSnapshot: composite foreign keys, references and index: false', () => {
  const membership = () => model('Membership', [
    prop('tenant', scalar('i32'), { key: true }), prop('id', scalar('i32'), { key: true }),
    prop('code', scalar('string'), { column: { length: 12 }, unique: true }),
  ]);

  test('a composite key makes one column per key column, a foreign key over both and one index on both', () => {
    const { snapshot } = buildSnapshot([membership(), model('Grant', [key(),
      prop('membership', modelRef('Membership'), { optional: true, relation: { kind: 'belongsTo', target: 'Membership', options: { onDelete: 'set null', onUpdate: 'cascade' } } })])]);
    const grants = table(snapshot, 'grants');
    assert.deepStrictEqual(grants.columns.map((c) => [c.name, c.type, c.nullable]), [['id', 'i32', false], ['membership_tenant', 'i32', true], ['membership_id', 'i32', true]]);
    assert.deepStrictEqual(grants.foreignKeys, [{
      name: 'fk_grants_membership_tenant_membership_id', columns: ['membership_tenant', 'membership_id'],
      referencedTable: 'memberships', referencedColumns: ['tenant', 'id'], onDelete: 'set null', onUpdate: 'cascade',
    }]);
    assert.deepStrictEqual(grants.indexes, [{ name: 'idx_grants_membership_tenant_membership_id', columns: ['membership_tenant', 'membership_id'], unique: false }]);
  });

  test('key names the local properties; an index leading with them covers the foreign key', () => {
    const { snapshot } = buildSnapshot([membership(), model('Grant', [key(), prop('t', scalar('i32')), prop('m', scalar('i32')),
      prop('membership', modelRef('Membership'), { relation: { kind: 'belongsTo', target: 'Membership', options: { key: ['t', 'm'] } } })],
    { indexes: [{ properties: ['t', 'm', 'id'] }] })]);
    const grants = table(snapshot, 'grants');
    assert.deepStrictEqual(grants.foreignKeys.map((f) => f.columns), [['t', 'm']]);
    assert.deepStrictEqual(grants.indexes.map((i) => i.name), ['idx_grants_t_m_id']);
  });

  test('references names a unique column that is not the key; the column copies its type', () => {
    const { snapshot } = buildSnapshot([membership(), model('Grant', [key(),
      prop('membership', modelRef('Membership'), { relation: { kind: 'belongsTo', target: 'Membership', options: { references: 'code', onDelete: 'restrict' } } })])]);
    const grants = table(snapshot, 'grants');
    assert.deepStrictEqual(column(grants, 'membership_code'), { name: 'membership_code', type: 'string', nullable: false, length: 12 });
    assert.deepStrictEqual(grants.foreignKeys.map((f) => [f.columns, f.referencedColumns, f.onDelete]), [[['membership_code'], ['code'], 'restrict']]);
  });

  test('index: false generates no index; the default still does', () => {
    const build = (options: object) => table(buildSnapshot([model('User', [key()]), model('Post', [key(),
      prop('author', modelRef('User'), { relation: { kind: 'belongsTo', target: 'User', options } })])]).snapshot, 'posts');
    assert.deepStrictEqual(build({ index: false }).indexes, []);
    assert.deepStrictEqual(build({ index: false }).foreignKeys.map((f) => f.columns), [['author_id']]);
    assert.deepStrictEqual(build({}).indexes.map((i) => i.name), ['idx_posts_author_id']);
  });
});

describe('buildSnapshot: @Auto() only on a single-column key', () => {
  const base = (props: PropertyDescription[]): ModelDescription => ({ className: 'Counter', file: 'models/counter.ts', line: 1, indexes: [], properties: props });
  const scalar = (name: string, extra: Partial<PropertyDescription> = {}): PropertyDescription =>
    ({ name, line: 7, type: { kind: 'scalar', type: 'i32' }, optional: false, ...extra });
  test('refuses @Auto() without @Key(), naming file and line', () => {
    assert.throws(() => buildSnapshot([base([scalar('id', { key: true }), scalar('hits', { auto: true })])]),
      (err) => isTidemarkError(err, 'TM_MODEL_INVALID') && /models\/counter\.ts:7/.test(err.message) && /needs @Key/.test(err.message));
  });
  test('refuses @Auto() in a composite key', () => {
    assert.throws(() => buildSnapshot([base([scalar('a', { key: true, auto: true }), scalar('b', { key: true })])]),
      (err) => isTidemarkError(err, 'TM_MODEL_INVALID') && /composite key/.test(err.message));
  });
});

describe('buildSnapshot: names must be unique', () => {
  const prop = (name: string, extra: Partial<PropertyDescription> = {}): PropertyDescription =>
    ({ name, line: 3, type: { kind: 'scalar', type: 'string' }, optional: false, ...extra });
  test('the same @Index twice, or @Unique() beside an equal @Index, is a model error naming the index', () => {
    const model = (indexes: ModelDescription['indexes'], email: Partial<PropertyDescription> = {}): ModelDescription => ({
      className: 'User', file: 'models/user.ts', line: 2, indexes,
      properties: [prop('id', { key: true }), prop('email', email), prop('name')],
    });
    assert.throws(() => buildSnapshot([model([{ properties: ['email', 'name'] }, { properties: ['email', 'name'] }])]),
      (err) => isTidemarkError(err, 'TM_MODEL_INVALID') && /idx_users_email_name/.test(err.message) && /models\/user\.ts:2/.test(err.message));
    assert.throws(() => buildSnapshot([model([{ properties: ['email'], unique: true }], { unique: true })]),
      (err) => isTidemarkError(err, 'TM_MODEL_INVALID') && /idx_users_email/.test(err.message));
  });
});

test("onDelete: 'set null' on a relation whose column is NOT NULL is TM_MODEL_INVALID naming the property", () => {
  const models: ModelDescription[] = [
    { className: 'User', file: 'user.ts', line: 1, indexes: [], properties: [{ name: 'id', type: { kind: 'scalar', type: 'i32' }, optional: false, key: true }] },
    {
      className: 'Post', file: 'post.ts', line: 1, indexes: [],
      properties: [
        { name: 'id', type: { kind: 'scalar', type: 'i32' }, optional: false, key: true },
        { name: 'author', line: 4, type: { kind: 'model', name: 'User', array: false }, optional: false, relation: { kind: 'belongsTo', target: 'User', options: { onDelete: 'set null' } } },
      ],
    },
  ];
  assert.throws(() => buildSnapshot(models), (err) => isTidemarkError(err, 'TM_MODEL_INVALID') && /set null/.test(err.message) && /author/.test(err.message) && /optional/.test(err.hint));
  const optional = models.map((m) => (m.className === 'Post' ? { ...m, properties: m.properties.map((p) => (p.name === 'author' ? { ...p, optional: true } : p)) } : m));
  assert.equal(buildSnapshot(optional).snapshot.tables.find((t) => t.name === 'posts')!.foreignKeys[0]!.onDelete, 'set null');
});
