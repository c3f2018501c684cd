// Table-level operations on MongoDB, at the command level: the exact commands each sends, in
// order, against a runner that keeps the catalog (so each step is applied on the state the
// earlier ones left), and what is refused before anything runs.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { applyOperation, emptySnapshot, findTable, isTidemarkError, op } from '@tidemark/core';
import { countReply, cursorReply, READ_COMMANDS } from '../__fixtures__/recording-runner.js';
import { serverError } from '../__fixtures__/ddl-state-runner.js';
import { posts, prepared, users, withoutIntrospection } from '../__fixtures__/schema.js';
import { collModCommand, createCommand } from '../schema/validator.js';

const table = (name: string, ...ops: Parameters<typeof applyOperation>[1][]) => findTable(ops.reduce(applyOperation, emptySnapshot()), name)!;

describe('createTable', () => {
  it('creates the collection with its validator, then the key and the indexes in one createIndexes', async () => {
    const { runner, conn } = await prepared();
    await conn.applier.apply(users);
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [
      createCommand(table('users', users)),
      { createIndexes: 'users', indexes: [{ key: { id: 1 }, name: '_tidemark_pk', unique: true }, { key: { name: 1 }, name: 'idx_users_name', unique: true }] },
    ]);
    assert.deepStrictEqual(runner.names.slice(0, 1), ['listCollections'], 'outside the lock, the live schema is read first');
  });

  it('drops the new collection again when its indexes cannot be built', async () => {
    const { runner, conn } = await prepared();
    runner.on('createIndexes', serverError(67, 'CannotCreateIndex', 'bad index'));
    await assert.rejects(conn.applier.apply(users), (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && /createIndexes users: bad index/.test(err.message));
    assert.deepStrictEqual(withoutIntrospection(runner.commands).map((c) => Object.keys(c)[0]), ['create', 'createIndexes', 'drop']);
    assert.deepStrictEqual((await conn.introspect()).tables, []);
  });

  it('refuses an @Auto() column, a dotted field and a reserved name before anything runs', async () => {
    const { runner, conn } = await prepared();
    const refused = async (o: Parameters<typeof conn.applier.apply>[0], what: RegExp) => {
      await assert.rejects(conn.applier.apply(o), (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && what.test(err.message) && err.hint.length > 0);
    };
    await refused(op.createTable({ name: 't', columns: [{ name: 'id', type: 'i32', autoIncrement: true }], primaryKey: ['id'] }), /auto-increment column t\.id/);
    await refused(op.createTable({ name: 't', columns: [{ name: 'a.b', type: 'i32' }], primaryKey: [] }), /dots as paths/);
    await refused(op.createTable({ name: '_tidemark_x', columns: [{ name: 'a', type: 'i32' }], primaryKey: ['a'] }), /reserved for Tidemark/);
    await refused(op.createTable({ name: 't', columns: [{ name: '_id', type: 'i32' }], primaryKey: [] }), /_id is the document id/);
    await refused(op.createTable({ name: 't', columns: [{ name: 'a', type: 'i32' }], primaryKey: [], indexes: [{ name: '_tidemark_pk', columns: ['a'] }] }), /reserved/);
    assert.deepStrictEqual(runner.names.filter((n) => !READ_COMMANDS.has(n)), []);
  });
});

describe('dropTable and renameTable', () => {
  it('dropTable drops the collection', async () => {
    const { runner, conn } = await prepared(users);
    await conn.applier.apply(op.dropTable('users'));
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [{ drop: 'users' }]);
  });

  it('renameTable runs renameCollection on admin and rewrites the foreign key metadata pointing at it', async () => {
    const { runner, conn } = await prepared(users, posts);
    await conn.applier.apply(op.renameTable('users', 'people'));
    const sent = runner.sent.filter((s) => !READ_COMMANDS.has(Object.keys(s.command)[0]!));
    assert.deepStrictEqual(sent, [
      { target: 'admin', command: { renameCollection: 'app.users', to: 'app.people', dropTarget: false } },
      { target: 'database', command: collModCommand(table('posts', users, posts, op.renameTable('users', 'people'))) },
    ]);
    const fk = (await conn.introspect()).tables.find((t) => t.name === 'posts')!.foreignKeys[0]!;
    assert.equal(fk.referencedTable, 'people');
  });

  it('a step that does not fit the live schema fails before any command that changes something', async () => {
    const { runner, conn } = await prepared(users);
    await assert.rejects(conn.applier.apply(op.dropTable('nope')), (err) => isTidemarkError(err, 'TM_MIGRATION_INVALID'));
    await assert.rejects(conn.applier.apply(op.dropTable('users')).then(() => conn.applier.apply(op.renameTable('users', 'x'))), (err) => isTidemarkError(err, 'TM_MIGRATION_INVALID'));
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [{ drop: 'users' }]);
  });
});

describe('indexes and the key', () => {
  it('createIndex checks a unique index for duplicates (nulls left out), then builds it; dropIndex drops it', async () => {
    const { runner, conn } = await prepared(users);
    await conn.applier.apply(op.createIndex('users', { name: 'idx_users_age', columns: ['age'], unique: true }));
    await conn.applier.apply(op.createIndex('users', { name: 'idx_users_name_age', columns: ['name', 'age'] }));
    await conn.applier.apply(op.dropIndex('users', 'idx_users_age'));
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [
      {
        aggregate: 'users',
        pipeline: [
          { $match: { age: { $ne: null } } },
          { $group: { _id: { age: '$age' }, duplicates: { $sum: 1 } } },
          { $match: { duplicates: { $gt: 1 } } },
          { $facet: { total: [{ $group: { _id: null, n: { $sum: '$duplicates' } } }], samples: [{ $limit: 5 }] } },
        ],
        cursor: {},
      },
      { createIndexes: 'users', indexes: [{ key: { age: 1 }, name: 'idx_users_age', unique: true, partialFilterExpression: { age: { $type: 'number' } } }] },
      { createIndexes: 'users', indexes: [{ key: { name: 1, age: 1 }, name: 'idx_users_name_age' }] },
      { dropIndexes: 'users', index: 'idx_users_age' },
    ]);
  });

  it('a unique index over repeated values fails with the count of documents and samples, and builds nothing', async () => {
    const { runner, conn } = await prepared(users);
    runner.on('aggregate', cursorReply([{ total: [{ n: 2 }], samples: [{ _id: { name: 'ada' }, duplicates: 2 }] }]));
    await assert.rejects(conn.applier.apply(op.createIndex('users', { name: 'idx_users_age_name', columns: ['age', 'name'], unique: true })),
      (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 2 && err.details.check === 'unique'
        && JSON.stringify(err.details.samples) === '[{"name":"ada","duplicates":2}]');
    assert.deepStrictEqual(runner.names.filter((n) => !READ_COMMANDS.has(n)), []);
  });

  it('alterPrimaryKey checks the new key for duplicates (nulls included), then rebuilds _tidemark_pk', async () => {
    const { runner, conn } = await prepared(users);
    await conn.applier.apply(op.alterPrimaryKey('users', ['name', 'id']));
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [
      {
        aggregate: 'users',
        pipeline: [
          { $match: {} },
          { $group: { _id: { name: '$name', id: '$id' }, duplicates: { $sum: 1 } } },
          { $match: { duplicates: { $gt: 1 } } },
          { $facet: { total: [{ $group: { _id: null, n: { $sum: '$duplicates' } } }], samples: [{ $limit: 5 }] } },
        ],
        cursor: {},
      },
      { dropIndexes: 'users', index: '_tidemark_pk' },
      { createIndexes: 'users', indexes: [{ key: { name: 1, id: 1 }, name: '_tidemark_pk', unique: true }] },
    ]);
    assert.deepStrictEqual((await conn.introspect()).tables[0]!.primaryKey, ['name', 'id']);
  });

  it('alterPrimaryKey puts the old key index back when the new one cannot be built', async () => {
    const { runner, conn } = await prepared(users);
    runner.on('createIndexes', serverError(11000, 'DuplicateKey', 'E11000 duplicate key error'));
    await assert.rejects(conn.applier.apply(op.alterPrimaryKey('users', ['name', 'age'])),
      (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && /duplicates/.test(err.hint));
    assert.deepStrictEqual(withoutIntrospection(runner.commands).slice(1), [
      { dropIndexes: 'users', index: '_tidemark_pk' },
      { createIndexes: 'users', indexes: [{ key: { name: 1, age: 1 }, name: '_tidemark_pk', unique: true }] },
      { createIndexes: 'users', indexes: [{ key: { id: 1 }, name: '_tidemark_pk', unique: true }] },
    ]);
    assert.deepStrictEqual((await conn.introspect()).tables[0]!.primaryKey, ['id']);
  });

  it('two indexes (or the key and an index) over the same columns are refused before anything runs', async () => {
    const { runner, conn } = await prepared(users);
    await assert.rejects(conn.applier.apply(op.createIndex('users', { name: 'idx_users_name_2', columns: ['name'] })),
      (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && /index idx_users_name and index idx_users_name_2 of users on \(name\)/.test(err.message));
    await assert.rejects(conn.applier.apply(op.createIndex('users', { name: 'idx_users_id', columns: ['id'], unique: true })),
      (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && /the key and index idx_users_id/.test(err.message));
    await assert.rejects(conn.applier.apply(op.alterPrimaryKey('users', ['name'])), (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION'));
    assert.deepStrictEqual(runner.names.filter((n) => !READ_COMMANDS.has(n)), []);
  });

  it('a compound index over a column named like a number is refused (its key order would change)', async () => {
    const { conn } = await prepared(op.createTable({ name: 't', columns: [{ name: '1', type: 'i32' }, { name: 'b', type: 'i32' }], primaryKey: ['b'] }));
    await assert.rejects(conn.applier.apply(op.createIndex('t', { name: 'i', columns: ['b', '1'] })), (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION'));
  });
});

describe('foreign keys are metadata only', () => {
  it('addForeignKey and dropForeignKey change the validator metadata and check no data', async () => {
    const kids = op.createTable({ name: 'kids', columns: [{ name: 'id', type: 'uuid' }, { name: 'user_id', type: 'uuid', nullable: true }], primaryKey: ['id'] });
    const { runner, conn } = await prepared(users, kids);
    const add = op.addForeignKey('kids', { name: 'fk_kids_user_id', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'] });
    await conn.applier.apply(add);
    await conn.applier.apply(op.dropForeignKey('kids', 'fk_kids_user_id'));
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [
      collModCommand(table('kids', users, kids, add)),
      collModCommand(table('kids', users, kids)),
    ]);
  });
});

describe('execute', () => {
  it('runs a command document as it is, admin commands on admin, and returns the reply', async () => {
    const { runner, conn } = await prepared(op.createTable({ name: 'a', columns: [{ name: 'k', type: 'i32' }], primaryKey: ['k'] }));
    runner.on('update', { n: 3, nModified: 3, ok: 1 });
    const update = { update: 'users', updates: [{ q: { role: null }, u: { $set: { role: 'reader' } }, multi: true }] };
    assert.deepStrictEqual(await conn.applier.execute(update), { n: 3, nModified: 3, ok: 1 });
    await conn.applier.execute({ renameCollection: 'app.a', to: 'app.b' });
    assert.deepStrictEqual(runner.sent, [{ command: update, target: 'database' }, { command: { renameCollection: 'app.a', to: 'app.b' }, target: 'admin' }]);
  });

  it('refuses SQL text with the MongoDB way to write it, and sends nothing', async () => {
    const { runner, conn } = await prepared();
    await assert.rejects(conn.applier.execute("UPDATE flags SET v = 'false' WHERE id = 2"),
      (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && /SQL text/.test(err.message) && /db\.execute\(\{ update:/.test(err.hint));
    assert.deepStrictEqual(runner.sent, []);
  });

  it('renders a command for --dry-run as it would run it, and refuses SQL there too', async () => {
    const { conn } = await prepared();
    assert.deepStrictEqual(conn.applier.render(op.execute({ renameCollection: 'app.a', to: 'app.b' }), emptySnapshot()), ['admin: {"renameCollection":"app.a","to":"app.b"}']);
    assert.deepStrictEqual(conn.applier.render(op.renameTable('users', 'people'), applyOperation(emptySnapshot(), users)),
      ['admin: {"renameCollection":"app.users","to":"app.people","dropTarget":false}']);
    assert.throws(() => conn.applier.render(op.execute('DELETE FROM users'), emptySnapshot()), (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION'));
  });

  it('a write error inside an ok reply fails the step', async () => {
    const { runner, conn } = await prepared();
    runner.on('insert', { n: 0, ok: 1, writeErrors: [{ index: 0, code: 121, codeName: 'DocumentValidationFailure', errmsg: 'Document failed validation', errInfo: { failingDocumentId: 1 } }] });
    await assert.rejects(conn.applier.execute({ insert: 'users', documents: [{ a: 1 }] }),
      (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && err.details.code === 121 && /validator/.test(err.hint) && (err.details.errInfo as { failingDocumentId: number }).failingDocumentId === 1);
  });
});

describe('the counted precheck reports samples', () => {
  it('count then up to five samples with the key and the column', async () => {
    const { runner, conn } = await prepared(users);
    runner.on('aggregate', countReply(7)).on('find', cursorReply([{ id: 'a', age: null }, { id: 'b' }]));
    await assert.rejects(conn.applier.apply(op.alterColumn('users', 'age', { type: 'i32' })),
      (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 7 && err.details.check === 'not null'
        && JSON.stringify(err.details.samples) === '[{"id":"a","age":null},{"id":"b"}]');
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [
      { aggregate: 'users', pipeline: [{ $match: { age: null } }, { $count: 'n' }], cursor: {} },
      { find: 'users', filter: { age: null }, projection: { _id: 0, id: 1, age: 1 }, limit: 5, singleBatch: true },
    ]);
  });
});
