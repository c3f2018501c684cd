import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { isTidemarkError, TidemarkError } from '../errors/tidemark-error.js';
import { parseSnapshot, validateSnapshot } from './parse-snapshot.js';

/** A valid snapshot as plain JSON data, written out by hand. */
function validData(): Record<string, any> {
  return {
    format: 'tidemark.snapshot',
    version: 2,
    tables: [
      {
        name: 'users',
        model: 'User',
        columns: [
          { name: 'id', type: 'i32', nullable: false, autoIncrement: true },
          { name: 'email', type: 'string', nullable: false, length: 120 },
          { name: 'role', type: 'enum', nullable: false, default: 'member', values: ['admin', 'member'] },
          { name: 'created_at', type: 'timestamp', nullable: false, default: { fn: 'now' } },
          { name: 'balance', type: 'decimal', nullable: true, precision: 12, scale: 2 },
        ],
        primaryKey: ['id'],
        indexes: [{ name: 'idx_users_email', columns: ['email'], unique: true }],
        foreignKeys: [],
      },
      {
        name: 'posts',
        model: 'Post',
        columns: [
          { name: 'id', type: 'i64', nullable: false },
          { name: 'author_id', type: 'i32', nullable: false },
          { name: 'published', type: 'boolean', nullable: false, default: false },
        ],
        primaryKey: ['id'],
        indexes: [],
        foreignKeys: [
          { name: 'fk_posts_author_id', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' },
        ],
      },
    ],
  };
}

/** Asserts `fn` throws TM_SNAPSHOT_INVALID and returns the error for further checks. */
function invalid(fn: () => unknown, ...fragments: string[]): TidemarkError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof TidemarkError, `expected a TidemarkError, got ${String(caught)}`);
  assert.equal(caught.code, 'TM_SNAPSHOT_INVALID');
  assert.equal(caught.exitCode, 2);
  for (const f of fragments) assert.ok(caught.message.includes(f), `message ${JSON.stringify(caught.message)} lacks ${JSON.stringify(f)}`);
  return caught;
}

describe('parseSnapshot / validateSnapshot: valid input', () => {
  test('accepts a valid snapshot and returns it in canonical form', () => {
    const s = parseSnapshot(JSON.stringify(validData()));
    assert.deepEqual(s.tables.map((t) => t.name), ['posts', 'users'], 'tables sorted by name');
    const users = s.tables.find((t) => t.name === 'users')!;
    assert.deepEqual(users.columns.map((c) => c.name), ['id', 'email', 'role', 'created_at', 'balance'], 'columns keep declaration order');
    assert.deepEqual(users.columns[0], { name: 'id', type: 'i32', nullable: false, autoIncrement: true });
    assert.deepEqual(users.columns[2], { name: 'role', type: 'enum', nullable: false, default: 'member', values: ['admin', 'member'] });
    assert.deepEqual(users.columns[3]!.default, { fn: 'now' });
    assert.deepEqual(users.columns[4], { name: 'balance', type: 'decimal', nullable: true, precision: 12, scale: 2 });
    const posts = s.tables.find((t) => t.name === 'posts')!;
    assert.deepEqual(posts.foreignKeys, [
      { name: 'fk_posts_author_id', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' },
    ]);
  });

  test('accepts an empty snapshot', () => {
    assert.deepEqual(parseSnapshot('{"format":"tidemark.snapshot","version":1,"tables":[]}'), {
      format: 'tidemark.snapshot', version: 2, tables: [],
    });
  });

  test('validateSnapshot takes already parsed data', () => {
    const s = validateSnapshot(validData());
    assert.equal(s.tables.length, 2);
  });

  test('a missing model name reads as empty', () => {
    const d = validData();
    delete d.tables[0].model;
    assert.equal(validateSnapshot(d).tables.find((t) => t.name === 'users')!.model, '');
  });

  test('every referential action is accepted', () => {
    for (const action of ['cascade', 'restrict', 'set null', 'no action']) {
      const d = validData();
      d.tables[1].foreignKeys[0].onDelete = action;
      d.tables[1].foreignKeys[0].onUpdate = action;
      assert.equal(validateSnapshot(d).tables[0]!.foreignKeys[0]!.onDelete, action);
    }
  });
});

describe('parseSnapshot / validateSnapshot: invalid input is TM_SNAPSHOT_INVALID naming where', () => {
  test('invalid JSON names the file', () => {
    const err = invalid(() => parseSnapshot('{"format": "tidemark.snapshot",', 'migrations/.schema.json'), 'migrations/.schema.json', 'not valid JSON');
    assert.equal(err.details.file, 'migrations/.schema.json');
  });

  test('not an object', () => {
    invalid(() => parseSnapshot('[]'), '$', 'expected an object');
    invalid(() => parseSnapshot('null'), '$', 'expected an object');
  });

  test('wrong format', () => {
    const d = validData();
    d.format = 'drizzle.snapshot';
    invalid(() => validateSnapshot(d), '$.format', 'tidemark.snapshot');
  });

  test('missing format', () => {
    const d = validData();
    delete d.format;
    invalid(() => validateSnapshot(d), '$.format');
  });

  test('a newer version says a newer Tidemark wrote it, and hints at upgrading', () => {
    const d = validData();
    d.version = 3;
    const err = invalid(() => validateSnapshot(d, 'm/.schema.json'), 'm/.schema.json', 'newer Tidemark', 'version 3');
    assert.match(err.hint, /upgrade/i);
  });

  test('a bad version', () => {
    for (const v of [0, -1, 1.5, '1', null]) {
      const d = validData();
      d.version = v;
      invalid(() => validateSnapshot(d), '$.version');
    }
    const d = validData();
    delete d.version;
    invalid(() => validateSnapshot(d), '$.version');
  });

  test('tables is not an array', () => {
    const d = validData();
    d.tables = {};
    invalid(() => validateSnapshot(d), '$.tables', 'expected an array');
  });

  test('unknown column type', () => {
    const d = validData();
    d.tables[0].columns[1].type = 'varchar';
    invalid(() => validateSnapshot(d), '$.tables[0].columns[1].type', 'varchar');
  });

  test('missing fields name their path', () => {
    const cases: [(d: Record<string, any>) => void, string][] = [
      [(d) => delete d.tables[0].name, '$.tables[0].name'],
      [(d) => delete d.tables[1].columns, '$.tables[1].columns'],
      [(d) => delete d.tables[0].primaryKey, '$.tables[0].primaryKey'],
      [(d) => delete d.tables[0].indexes, '$.tables[0].indexes'],
      [(d) => delete d.tables[1].foreignKeys, '$.tables[1].foreignKeys'],
      [(d) => delete d.tables[0].columns[2].name, '$.tables[0].columns[2].name'],
      [(d) => delete d.tables[0].columns[2].nullable, '$.tables[0].columns[2].nullable'],
      [(d) => delete d.tables[0].columns[0].type, '$.tables[0].columns[0].type'],
      [(d) => delete d.tables[0].indexes[0].unique, '$.tables[0].indexes[0].unique'],
      [(d) => delete d.tables[0].indexes[0].columns, '$.tables[0].indexes[0].columns'],
      [(d) => delete d.tables[1].foreignKeys[0].referencedTable, '$.tables[1].foreignKeys[0].referencedTable'],
      [(d) => delete d.tables[1].foreignKeys[0].referencedColumns, '$.tables[1].foreignKeys[0].referencedColumns'],
      [(d) => delete d.tables[1].foreignKeys[0].onDelete, '$.tables[1].foreignKeys[0].onDelete'],
    ];
    for (const [damage, path] of cases) {
      const d = validData();
      damage(d);
      invalid(() => validateSnapshot(d), `${path}:`);
    }
  });

  test('wrongly typed fields name their path', () => {
    const cases: [(d: Record<string, any>) => void, string][] = [
      [(d) => { d.tables[0].name = ''; }, '$.tables[0].name'],
      [(d) => { d.tables[0].columns[0].nullable = 'no'; }, '$.tables[0].columns[0].nullable'],
      [(d) => { d.tables[0].columns[1].length = -5; }, '$.tables[0].columns[1].length'],
      [(d) => { d.tables[0].columns[4].precision = 1.5; }, '$.tables[0].columns[4].precision'],
      [(d) => { d.tables[0].columns[2].values = ['a', 3]; }, '$.tables[0].columns[2].values[1]'],
      [(d) => { d.tables[0].columns[3].default = { fn: 'today' }; }, '$.tables[0].columns[3].default'],
      [(d) => { d.tables[0].columns[3].default = null; }, '$.tables[0].columns[3].default'],
      [(d) => { d.tables[0].columns[0].autoIncrement = 'yes'; }, '$.tables[0].columns[0].autoIncrement'],
      [(d) => { d.tables[0].primaryKey = 'id'; }, '$.tables[0].primaryKey'],
      [(d) => { d.tables[1].foreignKeys[0].onDelete = 'SET NULL'; }, '$.tables[1].foreignKeys[0].onDelete'],
      [(d) => { d.tables[1].foreignKeys[0].onUpdate = 'nothing'; }, '$.tables[1].foreignKeys[0].onUpdate'],
      [(d) => { d.tables[1] = 'posts'; }, '$.tables[1]'],
    ];
    for (const [damage, path] of cases) {
      const d = validData();
      damage(d);
      invalid(() => validateSnapshot(d), `${path}:`);
    }
  });

  test('duplicate tables', () => {
    const d = validData();
    d.tables.push(structuredClone(d.tables[0]));
    invalid(() => validateSnapshot(d), '$.tables', 'users', 'twice');
  });

  test('a primary key naming an unknown column', () => {
    const d = validData();
    d.tables[1].primaryKey = ['id', 'slug'];
    invalid(() => validateSnapshot(d), '$.tables[1].primaryKey', 'slug');
  });

  test('the message leads with the file and the hint says not to reset it', () => {
    const d = validData();
    d.tables[0].columns[1].type = 'varchar';
    const err = invalid(() => validateSnapshot(d, 'db/.schema.json'));
    assert.ok(err.message.startsWith('db/.schema.json: $.tables[0].columns[1].type'), err.message);
    assert.match(err.hint, /version control/);
  });
});

describe('validateSnapshot: names inside a table', () => {
  const table = (extra: Record<string, unknown>) => ({
    format: 'tidemark.snapshot', version: 2,
    tables: [{ name: 't', model: 'T', columns: [{ name: 'a', type: 'i32', nullable: false }], primaryKey: ['a'], indexes: [], foreignKeys: [], ...extra }],
  });
  test('a duplicate index name or an index on an unknown column is TM_SNAPSHOT_INVALID with its path', () => {
    const idx = { name: 'i', columns: ['a'], unique: false };
    assert.throws(() => validateSnapshot(table({ indexes: [idx, idx] })), (err) => isTidemarkError(err, 'TM_SNAPSHOT_INVALID') && /\$\.tables\[0\]\.indexes: i appears twice/.test(err.message));
    assert.throws(() => validateSnapshot(table({ indexes: [{ ...idx, columns: ['zz'] }] })), (err) => isTidemarkError(err, 'TM_SNAPSHOT_INVALID') && /names unknown column zz/.test(err.message));
  });
});
