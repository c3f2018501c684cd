import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { TidemarkError } from '../errors/tidemark-error.js';
import { applyOperations } from '../operation/apply-operation.js';
import type { SchemaOperation } from '../operation/operations.js';
import { normalizeSnapshot } from '../snapshot/normalize-snapshot.js';
import type {
  ColumnSnapshot, ForeignKeySnapshot, IndexSnapshot, ReferentialAction, SchemaSnapshot, TableSnapshot,
} from '../snapshot/schema-snapshot.js';
import { diffSnapshots, isEmptyDiff } from './diff-snapshots.js';
import type { RenameQuestion } from './rename-resolver.js';

// --- small builders, so each case reads as (before, after) → ops -----------------------------

const int = (name: string, extra: Partial<ColumnSnapshot> = {}): ColumnSnapshot => ({ name, type: 'i32', nullable: false, ...extra });
const str = (name: string, extra: Partial<ColumnSnapshot> = {}): ColumnSnapshot => ({ name, type: 'string', nullable: false, length: 255, ...extra });
const pk = (): ColumnSnapshot => int('id', { autoIncrement: true });
const idx = (table: string, columns: string[], unique = false): IndexSnapshot => ({ name: `idx_${table}_${columns.join('_')}`, columns, unique });
const fk = (table: string, column: string, target: string, onDelete: ReferentialAction = 'no action'): ForeignKeySnapshot => ({
  name: `fk_${table}_${column}`, columns: [column], referencedTable: target, referencedColumns: ['id'], onDelete, onUpdate: 'no action',
});

function tbl(name: string, columns: ColumnSnapshot[], more: Partial<TableSnapshot> = {}): TableSnapshot {
  return { name, model: name, columns, primaryKey: ['id'], indexes: [], foreignKeys: [], ...more };
}

function schema(...tables: TableSnapshot[]): SchemaSnapshot {
  return normalizeSnapshot({ format: 'tidemark.snapshot', version: 2, tables });
}

const users = (): TableSnapshot => tbl('users', [pk(), str('email'), str('name')], { indexes: [idx('users', ['email'], true)] });
const posts = (): TableSnapshot => tbl('posts', [pk(), int('author_id'), str('title')], {
  indexes: [idx('posts', ['author_id'])], foreignKeys: [fk('posts', 'author_id', 'users')],
});
const comments = (): TableSnapshot => tbl('comments', [pk(), int('post_id')], {
  indexes: [idx('comments', ['post_id'])], foreignKeys: [fk('comments', 'post_id', 'posts', 'cascade')],
});
const blog = (): SchemaSnapshot => schema(users(), posts(), comments());
const EMPTY = schema();

const none = { renames: { mode: 'none' } } as const;

/** Diffs and checks that the ops also replay onto `before` to give `after` (columns compared by name). */
async function diff(before: SchemaSnapshot, after: SchemaSnapshot, options: Parameters<typeof diffSnapshots>[2] = {}): Promise<SchemaOperation[]> {
  const ops = await diffSnapshots(before, after, options);
  const replayed = applyOperations(before, ops);
  const sortCols = (s: SchemaSnapshot) => s.tables.map((t) => ({ ...t, model: '', columns: [...t.columns].sort((a, b) => (a.name < b.name ? -1 : 1)) }));
  assert.deepEqual(sortCols(replayed), sortCols(normalizeSnapshot(after)), 'ops replayed onto before give after');
  return ops;
}

async function rejects(promise: Promise<unknown>, code: string, ...fragments: string[]): Promise<TidemarkError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof TidemarkError, `expected ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code);
  for (const f of fragments) assert.ok(caught.message.includes(f) || caught.hint.includes(f), `${caught.message} / ${caught.hint} lacks ${f}`);
  return caught;
}

describe('diffSnapshots: no change', () => {
  test('a snapshot against itself is empty', async () => {
    assert.deepEqual(await diffSnapshots(blog(), blog()), []);
    assert.deepEqual(await diffSnapshots(EMPTY, EMPTY), []);
    assert.ok(isEmptyDiff(await diffSnapshots(blog(), blog())));
  });

  test('key order, table order and index order do not count as changes', async () => {
    const shuffled = JSON.parse(JSON.stringify(blog(), (_k, v: unknown) => {
      if (Array.isArray(v)) return [...v].reverse();
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse());
      return v;
    })) as SchemaSnapshot;
    // reversing arrays reverses column and key-column order too; put those back
    const fixed: SchemaSnapshot = {
      ...shuffled,
      tables: shuffled.tables.map((t) => {
        const orig = blog().tables.find((x) => x.name === t.name)!;
        return {
          ...t,
          columns: orig.columns.map((c) => t.columns.find((x) => x.name === c.name)!),
          primaryKey: orig.primaryKey,
          indexes: t.indexes.map((i) => ({ ...i, columns: orig.indexes.find((x) => x.name === i.name)!.columns })),
          foreignKeys: t.foreignKeys.map((f) => ({ ...f, columns: orig.foreignKeys.find((x) => x.name === f.name)!.columns })),
        };
      }),
    };
    assert.notEqual(JSON.stringify(fixed), JSON.stringify(blog()), 'the copy really is shuffled');
    assert.deepEqual(await diffSnapshots(blog(), fixed), []);
    assert.deepEqual(await diffSnapshots(fixed, blog()), []);
  });
});

describe('diffSnapshots: tables', () => {
  test('creates tables in foreign-key order, each with its indexes and foreign keys', async () => {
    const ops = await diff(EMPTY, blog());
    assert.deepEqual(ops, [
      { kind: 'createTable', table: users() },
      { kind: 'createTable', table: posts() },
      { kind: 'createTable', table: comments() },
    ]);
  });

  test('drops tables in reverse foreign-key order', async () => {
    const ops = await diff(blog(), EMPTY);
    assert.deepEqual(ops, [
      { kind: 'dropTable', table: 'comments' },
      { kind: 'dropTable', table: 'posts' },
      { kind: 'dropTable', table: 'users' },
    ]);
  });

  test('a self-referencing table is created with its foreign key inline', async () => {
    const nodes = tbl('nodes', [pk(), int('parent_id', { nullable: true })], { foreignKeys: [fk('nodes', 'parent_id', 'nodes')] });
    assert.deepEqual(await diff(EMPTY, schema(nodes)), [{ kind: 'createTable', table: nodes }]);
    assert.deepEqual(await diff(schema(nodes), EMPTY), [{ kind: 'dropTable', table: 'nodes' }]);
  });

  test('a cycle of two new tables defers one foreign key to a trailing addForeignKey', async () => {
    const a = tbl('a', [pk(), int('b_id', { nullable: true })], { foreignKeys: [fk('a', 'b_id', 'b')] });
    const b = tbl('b', [pk(), int('a_id', { nullable: true })], { foreignKeys: [fk('b', 'a_id', 'a')] });
    const ops = await diff(EMPTY, schema(a, b));
    assert.deepEqual(ops, [
      { kind: 'createTable', table: { ...b, foreignKeys: [] } },
      { kind: 'createTable', table: a },
      { kind: 'addForeignKey', table: 'b', foreignKey: fk('b', 'a_id', 'a') },
    ]);
  });

  test('dropping a cycle drops the deferred foreign key first', async () => {
    const a = tbl('a', [pk(), int('b_id', { nullable: true })], { foreignKeys: [fk('a', 'b_id', 'b')] });
    const b = tbl('b', [pk(), int('a_id', { nullable: true })], { foreignKeys: [fk('b', 'a_id', 'a')] });
    const ops = await diff(schema(a, b), EMPTY);
    assert.deepEqual(ops, [
      { kind: 'dropForeignKey', table: 'b', foreignKey: 'fk_b_a_id' },
      { kind: 'dropTable', table: 'a' },
      { kind: 'dropTable', table: 'b' },
    ]);
  });

  test('a new table referencing an existing one is created after nothing else and carries its foreign key', async () => {
    const ops = await diff(schema(users(), posts()), blog());
    assert.deepEqual(ops, [{ kind: 'createTable', table: comments() }]);
  });

  test("a kept table's foreign key to a dropped table is dropped before the table", async () => {
    const before = blog();
    const after = schema(users(), tbl('comments', [pk(), int('post_id')], { indexes: [idx('comments', ['post_id'])] }));
    const ops = await diff(before, after);
    assert.deepEqual(ops, [
      { kind: 'dropForeignKey', table: 'comments', foreignKey: 'fk_comments_post_id' },
      { kind: 'dropTable', table: 'posts' },
    ]);
  });
});

describe('diffSnapshots: columns, indexes and foreign keys', () => {
  test('indexes are dropped before and created after column changes', async () => {
    const before = schema(tbl('users', [pk(), str('email'), str('nick')], { indexes: [idx('users', ['email']), idx('users', ['nick'])] }));
    const after = schema(tbl('users', [pk(), str('email', { length: 320 }), str('handle', { nullable: true })], {
      indexes: [idx('users', ['email'], true), idx('users', ['handle'])],
    }));
    const ops = await diff(before, after, none);
    assert.deepEqual(ops, [
      { kind: 'dropIndex', table: 'users', index: 'idx_users_email' },
      { kind: 'dropIndex', table: 'users', index: 'idx_users_nick' },
      { kind: 'addColumn', table: 'users', column: str('handle', { nullable: true }) },
      { kind: 'alterColumn', table: 'users', column: 'email', to: str('email', { length: 320 }) },
      { kind: 'dropColumn', table: 'users', column: 'nick' },
      { kind: 'createIndex', table: 'users', index: idx('users', ['email'], true) },
      { kind: 'createIndex', table: 'users', index: idx('users', ['handle']) },
    ]);
  });

  test('foreign keys are dropped first and added last', async () => {
    const before = blog();
    const after = schema(
      users(),
      tbl('posts', [pk(), int('author_id'), str('title'), int('editor_id', { nullable: true })], {
        indexes: [idx('posts', ['author_id']), idx('posts', ['editor_id'])],
        foreignKeys: [fk('posts', 'author_id', 'users', 'cascade'), fk('posts', 'editor_id', 'users', 'set null')],
      }),
      comments(),
    );
    const ops = await diff(before, after);
    assert.deepEqual(ops, [
      { kind: 'dropForeignKey', table: 'posts', foreignKey: 'fk_posts_author_id' },
      { kind: 'addColumn', table: 'posts', column: int('editor_id', { nullable: true }) },
      { kind: 'createIndex', table: 'posts', index: idx('posts', ['editor_id']) },
      { kind: 'addForeignKey', table: 'posts', foreignKey: fk('posts', 'author_id', 'users', 'cascade') },
      { kind: 'addForeignKey', table: 'posts', foreignKey: fk('posts', 'editor_id', 'users', 'set null') },
    ]);
  });

  test('a NOT NULL column without a default gets a backfill of its type\'s zero value', async () => {
    const added: [ColumnSnapshot, string | number | boolean | undefined][] = [
      [{ name: 'c_i32', type: 'i32', nullable: false }, 0],
      [{ name: 'c_i64', type: 'i64', nullable: false }, 0],
      [{ name: 'c_f64', type: 'f64', nullable: false }, 0],
      [{ name: 'c_decimal', type: 'decimal', nullable: false, precision: 10, scale: 2 }, 0],
      [{ name: 'c_string', type: 'string', nullable: false, length: 255 }, ''],
      [{ name: 'c_text', type: 'text', nullable: false }, ''],
      [{ name: 'c_boolean', type: 'boolean', nullable: false }, false],
      [{ name: 'c_uuid', type: 'uuid', nullable: false }, '00000000-0000-0000-0000-000000000000'],
      [{ name: 'c_date', type: 'date', nullable: false }, '1970-01-01'],
      [{ name: 'c_timestamp', type: 'timestamp', nullable: false }, '1970-01-01T00:00:00.000Z'],
      [{ name: 'c_json', type: 'json', nullable: false }, '{}'],
      [{ name: 'c_bytes', type: 'bytes', nullable: false }, ''],
      [{ name: 'c_enum', type: 'enum', nullable: false, values: ['draft', 'live'] }, 'draft'],
      // no backfill: nullable, a default, or generated
      [{ name: 'n_nullable', type: 'i32', nullable: true }, undefined],
      [{ name: 'n_default', type: 'i32', nullable: false, default: 7 }, undefined],
      [{ name: 'n_now', type: 'timestamp', nullable: false, default: { fn: 'now' } }, undefined],
      [{ name: 'n_auto', type: 'i64', nullable: false, autoIncrement: true }, undefined],
    ];
    const before = schema(tbl('t', [pk()]));
    const after = schema(tbl('t', [pk(), ...added.map(([c]) => c)]));
    const ops = await diff(before, after);
    assert.deepEqual(ops, added.map(([column, backfill]) => ({
      kind: 'addColumn', table: 't', column, ...(backfill === undefined ? {} : { backfill }),
    })));
  });

  test('a primary key change is placed after adds and before drops', async () => {
    const before = schema(tbl('t', [pk(), str('legacy')]));
    const after = schema(tbl('t', [{ name: 'uuid', type: 'uuid', nullable: false }, int('id')], { primaryKey: ['uuid'] }));
    const ops = await diff(before, after, none);
    assert.deepEqual(ops, [
      { kind: 'addColumn', table: 't', column: { name: 'uuid', type: 'uuid', nullable: false }, backfill: '00000000-0000-0000-0000-000000000000' },
      { kind: 'alterPrimaryKey', table: 't', columns: ['uuid'] },
      { kind: 'alterColumn', table: 't', column: 'id', to: int('id') },
      { kind: 'dropColumn', table: 't', column: 'legacy' },
    ]);
  });

  test('a new table referencing a kept table whose key moves to a new column gets its foreign key after the key change', async () => {
    const before = schema(tbl('users', [pk()]));
    const after = schema(
      tbl('users', [pk(), { name: 'uuid', type: 'uuid', nullable: false }], { primaryKey: ['uuid'] }),
      tbl('posts', [pk(), { name: 'author_uuid', type: 'uuid', nullable: false }], {
        foreignKeys: [{ name: 'fk_posts_author_uuid', columns: ['author_uuid'], referencedTable: 'users', referencedColumns: ['uuid'], onDelete: 'no action', onUpdate: 'no action' }],
      }),
    );
    const ops = await diff(before, after);
    const kinds = ops.map((o) => `${o.kind} ${'table' in o && typeof o.table === 'string' ? o.table : ''}`.trim());
    const createAt = ops.findIndex((o) => o.kind === 'createTable');
    const keyAt = ops.findIndex((o) => o.kind === 'alterPrimaryKey');
    const addColAt = ops.findIndex((o) => o.kind === 'addColumn');
    const created = ops[createAt];
    assert.ok(created?.kind === 'createTable');
    const inline = created.table.foreignKeys.length > 0;
    const fkAt = inline ? createAt : ops.findIndex((o) => o.kind === 'addForeignKey');
    assert.ok(fkAt > addColAt && fkAt > keyAt, `the foreign key to users.uuid comes before users.uuid exists as the key: ${kinds.join(', ')}`);
  });
});

describe('diffSnapshots: renames', () => {
  test('a table rename from a hint keeps the data and updates foreign keys in place', async () => {
    const before = schema(users(), posts());
    const after = schema(
      { ...users(), name: 'members', model: 'Member' },
      { ...posts(), foreignKeys: [{ ...fk('posts', 'author_id', 'members') }] },
    );
    const ops = await diffSnapshots(before, after, { hints: { tables: [{ from: 'users', to: 'members' }], columns: [] } });
    assert.deepEqual(ops, [{ kind: 'renameTable', from: 'users', to: 'members' }]);
  });

  test('a column rename from a hint', async () => {
    const before = schema(users());
    const after = schema(tbl('users', [pk(), str('email'), str('full_name')], { indexes: [idx('users', ['email'], true)] }));
    const ops = await diff(before, after, { hints: { tables: [], columns: [{ table: 'users', from: 'name', to: 'full_name' }] } });
    assert.deepEqual(ops, [{ kind: 'renameColumn', table: 'users', from: 'name', to: 'full_name' }]);
  });

  test('a renamed column that is also changed is renamed then altered', async () => {
    const before = schema(users());
    const after = schema(tbl('users', [pk(), str('mail', { length: 320 }), str('name')], { indexes: [idx('users', ['mail'], true)] }));
    const ops = await diff(before, after, { hints: { tables: [], columns: [{ table: 'users', from: 'email', to: 'mail' }] } });
    assert.deepEqual(ops, [
      { kind: 'renameColumn', table: 'users', from: 'email', to: 'mail' },
      { kind: 'dropIndex', table: 'users', index: 'idx_users_email' },
      { kind: 'alterColumn', table: 'users', column: 'mail', to: str('mail', { length: 320 }) },
      { kind: 'createIndex', table: 'users', index: idx('users', ['mail'], true) },
    ]);
  });

  test('column renames in a renamed table use the new table name in the hint', async () => {
    const before = schema(tbl('users', [pk(), str('name')]));
    const after = schema(tbl('members', [pk(), str('full_name')]));
    const ops = await diff(before, after, {
      hints: { tables: [{ from: 'users', to: 'members' }], columns: [{ table: 'members', from: 'name', to: 'full_name' }] },
    });
    assert.deepEqual(ops, [
      { kind: 'renameTable', from: 'users', to: 'members' },
      { kind: 'renameColumn', table: 'members', from: 'name', to: 'full_name' },
    ]);
  });

  test('a removed and an added column without a hint: TM_RENAME_AMBIGUOUS by default, naming the flag', async () => {
    const before = schema(users());
    const after = schema(tbl('users', [pk(), str('email'), str('full_name')], { indexes: [idx('users', ['email'], true)] }));
    const err = await rejects(diffSnapshots(before, after), 'TM_RENAME_AMBIGUOUS', 'columns of users: removed name; added full_name', '--rename users.name=full_name', '--no-rename');
    assert.equal(err.exitCode, 2);
    await rejects(diffSnapshots(before, after, { renames: { mode: 'refuse' } }), 'TM_RENAME_AMBIGUOUS');
  });

  test('a removed and an added table without a hint: TM_RENAME_AMBIGUOUS by default', async () => {
    await rejects(diffSnapshots(schema(tbl('users', [pk()])), schema(tbl('members', [pk()]))), 'TM_RENAME_AMBIGUOUS', 'users', 'members', '--rename users=members');
  });

  test('only adds or only removes are never ambiguous', async () => {
    assert.equal((await diff(schema(users()), schema(users(), tbl('tags', [pk()])))).length, 1);
    assert.equal((await diff(schema(users(), tbl('tags', [pk()])), schema(users()))).length, 1);
  });

  test("{ mode: 'none' } turns the pair into drop + add", async () => {
    const before = schema(users());
    const after = schema(tbl('users', [pk(), str('email'), str('full_name')], { indexes: [idx('users', ['email'], true)] }));
    assert.deepEqual(await diff(before, after, none), [
      { kind: 'addColumn', table: 'users', column: str('full_name'), backfill: '' },
      { kind: 'dropColumn', table: 'users', column: 'name' },
    ]);
    assert.deepEqual(await diff(schema(tbl('users', [pk()])), schema(tbl('members', [pk()])), none), [
      { kind: 'dropTable', table: 'users' },
      { kind: 'createTable', table: tbl('members', [pk()]) },
    ]);
  });

  test("{ mode: 'ask' } follows the resolver: yes renames, no drops and adds", async () => {
    const before = schema(users());
    const after = schema(tbl('users', [pk(), str('email'), str('full_name')], { indexes: [idx('users', ['email'], true)] }));
    const asked: RenameQuestion[] = [];
    const yes = await diff(before, after, { renames: { mode: 'ask', resolver: async (q) => { asked.push(q); return 'name'; } } });
    assert.deepEqual(asked, [{ kind: 'column', table: 'users', added: 'full_name', removed: ['name'] }]);
    assert.deepEqual(yes, [{ kind: 'renameColumn', table: 'users', from: 'name', to: 'full_name' }]);

    const no = await diff(before, after, { renames: { mode: 'ask', resolver: async () => undefined } });
    assert.deepEqual(no.map((o) => o.kind), ['addColumn', 'dropColumn']);
  });

  test("{ mode: 'ask' } for tables asks without a table name and offers every removed table", async () => {
    const before = schema(tbl('users', [pk()]), tbl('people', [pk()]));
    const after = schema(tbl('members', [pk()]));
    const asked: RenameQuestion[] = [];
    const ops = await diff(before, after, { renames: { mode: 'ask', resolver: async (q) => { asked.push(q); return 'users'; } } });
    assert.deepEqual(asked, [{ kind: 'table', added: 'members', removed: ['people', 'users'] }]);
    assert.deepEqual(ops, [{ kind: 'renameTable', from: 'users', to: 'members' }, { kind: 'dropTable', table: 'people' }]);
  });

  test('a hint wins over the policy and the resolver is not asked about hinted names', async () => {
    const before = schema(tbl('t', [pk(), str('a'), str('b')]));
    const after = schema(tbl('t', [pk(), str('x'), str('y')]));
    const asked: RenameQuestion[] = [];
    const ops = await diff(before, after, {
      hints: { tables: [], columns: [{ table: 't', from: 'a', to: 'x' }] },
      renames: { mode: 'ask', resolver: async (q) => { asked.push(q); return undefined; } },
    });
    assert.deepEqual(asked, [{ kind: 'column', table: 't', added: 'y', removed: ['b'] }]);
    assert.deepEqual(ops, [
      { kind: 'renameColumn', table: 't', from: 'a', to: 'x' },
      { kind: 'addColumn', table: 't', column: str('y'), backfill: '' },
      { kind: 'dropColumn', table: 't', column: 'b' },
    ]);
  });

  test('a hint for another table is ignored', async () => {
    const before = schema(tbl('t', [pk(), str('a')]));
    const after = schema(tbl('t', [pk(), str('x')]));
    await rejects(diffSnapshots(before, after, { hints: { tables: [], columns: [{ table: 'u', from: 'a', to: 'x' }] } }), 'TM_RENAME_AMBIGUOUS');
  });

  test('a hint wins when the old name is taken by a new column: rename first, then add', async () => {
    const before = schema(tbl('members', [pk(), str('role')]));
    const after = schema(tbl('members', [pk(), str('deprecated_role'), str('role', { length: 20 })]));
    const hints = { tables: [], columns: [{ table: 'members', from: 'role', to: 'deprecated_role' }] };
    assert.deepEqual(await diff(before, after, { hints }), [
      { kind: 'renameColumn', table: 'members', from: 'role', to: 'deprecated_role' },
      { kind: 'addColumn', table: 'members', column: str('role', { length: 20 }), backfill: '' },
    ]);
    // once applied, the hint that stays in the model (renamedFrom) changes nothing
    assert.deepEqual(await diff(after, after, { hints }), []);
  });

  test('a table hint wins when a new table takes the old name', async () => {
    const ops = await diff(schema(tbl('users', [pk()])), schema(tbl('people', [pk()]), tbl('users', [pk(), str('x')])), { hints: { tables: [{ from: 'users', to: 'people' }], columns: [] } });
    assert.deepEqual(ops, [{ kind: 'renameTable', from: 'users', to: 'people' }, { kind: 'createTable', table: tbl('users', [pk(), str('x')]) }]);
  });

  test('TM_RENAME_AMBIGUOUS names every unsettled pair in one run, with the flags that settle them', async () => {
    const before = schema(tbl('a', [pk(), str('x1')]), tbl('b', [pk(), str('y1')]), tbl('c', [pk(), str('z1'), str('z2')]), tbl('old_t', [pk()]));
    const after = schema(tbl('a', [pk(), str('x2')]), tbl('b', [pk(), str('y2')]), tbl('c', [pk(), str('z3')]), tbl('new_t', [pk()]));
    const err = await rejects(diffSnapshots(before, after), 'TM_RENAME_AMBIGUOUS',
      'tables: removed old_t; added new_t', 'columns of a: removed x1; added x2', 'columns of b: removed y1; added y2', 'columns of c: removed z1, z2; added z3',
      'run again with: --rename old_t=new_t --rename a.x1=x2 --rename b.y1=y2',
      'c.z1 became one of: --rename c.z1=z3 (or none)', 'c.z2 became one of: --rename c.z2=z3',
      '--no-rename', '--rename and --no-rename combine');
    assert.deepEqual(err.details.flags, ['--rename old_t=new_t', '--rename a.x1=x2', '--rename b.y1=y2']);
    // the flags it names do settle it, combined with --no-rename for the rest
    const hints = { tables: [{ from: 'old_t', to: 'new_t' }], columns: [{ table: 'a', from: 'x1', to: 'x2' }, { table: 'b', from: 'y1', to: 'y2' }] };
    const ops = await diff(before, after, { hints, ...none });
    assert.deepEqual(ops.filter((o) => o.kind.startsWith('rename')).length, 3);
    assert.deepEqual(ops.filter((o) => o.kind === 'dropColumn').map((o) => o.kind === 'dropColumn' && o.column), ['z1', 'z2']);
  });

  test("an unsettled table rename and its columns' renames are asked in the same run", async () => {
    const before = schema(tbl('users', [pk(), str('name')]));
    const after = schema(tbl('people', [pk(), str('full_name')]));
    const err = await rejects(diffSnapshots(before, after), 'TM_RENAME_AMBIGUOUS', 'tables: removed users; added people', 'columns of people: removed name; added full_name');
    assert.deepEqual(err.details.flags, ['--rename users=people', '--rename people.name=full_name']);
    const ops = await diff(before, after, { hints: { tables: [{ from: 'users', to: 'people' }], columns: [{ table: 'people', from: 'name', to: 'full_name' }] } });
    assert.deepEqual(ops, [{ kind: 'renameTable', from: 'users', to: 'people' }, { kind: 'renameColumn', table: 'people', from: 'name', to: 'full_name' }]);
  });
});

