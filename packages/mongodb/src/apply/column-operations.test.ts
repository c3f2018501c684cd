// Column operations on MongoDB, at the command level: the validator changes and the data
// rewrites each sends, in order (relax, rewrite in batches, tighten, catch up), the prechecks
// that stop a change before anything is written, and the progress of long rewrites.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { applyOperation, emptySnapshot, findTable, isTidemarkError, op, type ProgressEvent, type SchemaOperation } from '@tidemark/core';
import { countReply, cursorReply, READ_COMMANDS, writeReply } from '../__fixtures__/recording-runner.js';
import { posts, prepared, users, withoutIntrospection } from '../__fixtures__/schema.js';
import { conversionFor } from '../convert/conversion.js';
import { collModCommand } from '../schema/validator.js';

const table = (name: string, ...ops: SchemaOperation[]) => findTable(ops.reduce(applyOperation, emptySnapshot()), name)!;
const count = (collection: string, filter: object) => ({ aggregate: collection, pipeline: [{ $match: filter }, { $count: 'n' }], cursor: {} });
const mutating = (names: readonly string[]) => names.filter((n) => !READ_COMMANDS.has(n));

describe('addColumn', () => {
  it('a nullable column without default is one collMod; no document is touched', async () => {
    const { runner, conn } = await prepared(users);
    const add = op.addColumn('users', { name: 'bio', type: 'text', nullable: true });
    await conn.applier.apply(add);
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [collModCommand(table('users', users, add))]);
  });

  it('a default fills existing documents in batches by _id with progress, then collMod, then a catch-up', async () => {
    const { runner, conn } = await prepared(users);
    const events: ProgressEvent[] = [];
    conn.applier.onProgress = (e) => events.push(e);
    const missing = { active: { $exists: false } };
    runner
      .on('aggregate', countReply(3), countReply(0), countReply(0))
      .on('find', cursorReply([{ _id: { $oid: '65a000000000000000000001' } }, { _id: { $oid: '65a000000000000000000002' } }], { id: { $numberLong: '9007199254740993' }, ns: 'app.users' }))
      .on('getMore', cursorReply([{ _id: 'custom-id' }], { next: true }))
      .on('update', writeReply(2), writeReply(1));
    const add = op.addColumn('users', { name: 'active', type: 'boolean', default: true });
    await conn.applier.apply(add);
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [
      count('users', missing),
      { find: 'users', filter: missing, projection: { _id: 1 }, batchSize: 2 },
      {
        update: 'users',
        updates: [{ q: { $and: [{ _id: { $in: [{ $oid: '65a000000000000000000001' }, { $oid: '65a000000000000000000002' }] } }, missing] }, u: { $set: { active: true } }, multi: true }],
        ordered: true,
      },
      { getMore: { $numberLong: '9007199254740993' }, collection: 'users', batchSize: 2 },
      { update: 'users', updates: [{ q: { $and: [{ _id: { $in: ['custom-id'] } }, missing] }, u: { $set: { active: true } }, multi: true }], ordered: true },
      count('users', missing),
      collModCommand(table('users', users, add)),
      count('users', missing),
    ]);
    assert.deepStrictEqual(events, [
      { operation: 'addColumn', table: 'users', done: 2, total: 3 },
      { operation: 'addColumn', table: 'users', done: 3, total: 3 },
    ]);
  });

  it('a NOT NULL back-fill is written with the column type; the back-fill is not kept as a default', async () => {
    const { runner, conn } = await prepared(users);
    const add = op.addColumn('users', { name: 'score', type: 'i64' }, { backfill: 10 });
    await conn.applier.apply(add);
    const fill = withoutIntrospection(runner.commands)[0];
    assert.deepStrictEqual(fill, count('users', { score: { $exists: false } }));
    assert.deepStrictEqual(runner.commands.filter((c) => 'collMod' in c), [collModCommand(table('users', users, add))]);
    const column = (await conn.introspect()).tables[0]!.columns.find((c) => c.name === 'score');
    assert.deepStrictEqual(column, { name: 'score', type: 'i64', nullable: false });
  });

  it('typed fills: long, double, decimal, dates, json, bytes, and the current time from the server clock', async () => {
    const { runner, conn } = await prepared(users);
    runner.on('aggregate', countReply(1), countReply(0), countReply(0)).on('find', cursorReply([{ _id: 1 }])).on('update', writeReply(1));
    await conn.applier.apply(op.addColumn('users', { name: 'seen', type: 'timestamp', default: { fn: 'now' } }));
    const update = runner.commands.find((c) => 'update' in c) as { updates: { u: unknown }[] };
    assert.deepStrictEqual(update.updates[0]!.u, [{ $set: { seen: '$$NOW' } }]);
    const fills: [Parameters<typeof op.addColumn>[1], Parameters<typeof op.addColumn>[2], unknown][] = [
      [{ name: 'a', type: 'i64' }, { backfill: 3 }, { $numberLong: '3' }],
      [{ name: 'b', type: 'f64', default: 2 }, undefined, { $numberDouble: '2' }],
      [{ name: 'c', type: 'decimal', precision: 8, scale: 2, default: 2.25 }, undefined, { $numberDecimal: '2.25' }],
      [{ name: 'd', type: 'date' }, { backfill: '1970-01-01' }, { $date: '1970-01-01T00:00:00.000Z' }],
      [{ name: 'e', type: 'json' }, { backfill: '{}' }, {}],
      [{ name: 'f', type: 'bytes' }, { backfill: 'b1' }, { $binary: { base64: 'YjE=', subType: '00' } }],
      [{ name: 'g', type: 'i32', default: 7 }, undefined, { $numberInt: '7' }],
    ];
    for (const [column, options, literal] of fills) {
      runner.clear();
      runner.on('aggregate', countReply(1), countReply(0), countReply(0)).on('find', cursorReply([{ _id: 1 }])).on('update', writeReply(1));
      await conn.applier.apply(op.addColumn('users', column, options));
      const u = (runner.commands.find((c) => 'update' in c) as { updates: { u: unknown }[] }).updates[0]!.u;
      assert.deepStrictEqual(u, { $set: { [column.name]: literal } }, column.name);
    }
  });

  it('a default that does not fit the column type is refused before anything runs', async () => {
    const { runner, conn } = await prepared(users);
    for (const [column, options] of [
      [{ name: 'a', type: 'i32', default: 'many' }, undefined],
      [{ name: 'b', type: 'i32' }, { backfill: 1.5 }],
      [{ name: 'c', type: 'json' }, { backfill: '3' }],
      [{ name: 'd', type: 'date', default: 'someday' }, undefined],
    ] as [Parameters<typeof op.addColumn>[1], Parameters<typeof op.addColumn>[2]][]) {
      await assert.rejects(conn.applier.apply(op.addColumn('users', column, options)), (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION'), column.name);
    }
    assert.deepStrictEqual(mutating(runner.names), []);
  });

  it('NOT NULL without default or back-fill on a collection with documents fails with counts and writes nothing', async () => {
    const { runner, conn } = await prepared(users);
    runner.on('aggregate', countReply(2)).on('find', cursorReply([{ id: 'u1' }, { id: 'u2' }]));
    await assert.rejects(conn.applier.apply(op.addColumn('users', { name: 'score', type: 'i32' })),
      (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 2 && /backfill/.test(err.hint));
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [
      count('users', {}),
      { find: 'users', filter: {}, projection: { _id: 0, id: 1 }, limit: 5, singleBatch: true },
    ]);
  });
});

describe('dropColumn and renameColumn', () => {
  it('dropColumn relaxes the validator, then unsets the field in batches', async () => {
    const { runner, conn } = await prepared(users);
    await conn.applier.apply(op.dropColumn('users', 'age'));
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [
      collModCommand(table('users', users, op.dropColumn('users', 'age'))),
      count('users', { age: { $exists: true } }),
    ]);
  });

  it('renameColumn: relax, drop the indexes over the field, $rename, rebuild them on the new field, tighten, catch up', async () => {
    const { runner, conn } = await prepared(users);
    const rename = op.renameColumn('users', 'name', 'full_name');
    runner.on('aggregate', countReply(1), countReply(0), countReply(0)).on('find', cursorReply([{ _id: 7 }])).on('update', writeReply(1));
    await conn.applier.apply(rename);
    const renaming = { name: { $exists: true } };
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [
      collModCommand(table('users', users), new Set(['name'])),
      { dropIndexes: 'users', index: 'idx_users_name' },
      count('users', renaming),
      { find: 'users', filter: renaming, projection: { _id: 1 }, batchSize: 2 },
      { update: 'users', updates: [{ q: { $and: [{ _id: { $in: [7] } }, renaming] }, u: { $rename: { name: 'full_name' } }, multi: true }], ordered: true },
      count('users', renaming),
      { createIndexes: 'users', indexes: [{ key: { full_name: 1 }, name: 'idx_users_name', unique: true }] },
      collModCommand(table('users', users, rename)),
      count('users', renaming),
    ]);
  });

  it('renaming a key column rebuilds _tidemark_pk and the foreign key metadata of tables pointing at it', async () => {
    const { runner, conn } = await prepared(users, posts);
    const rename = op.renameColumn('users', 'id', 'user_id');
    await conn.applier.apply(rename);
    assert.deepStrictEqual(mutating(runner.names), ['collMod', 'dropIndexes', 'createIndexes', 'collMod', 'collMod']);
    assert.deepStrictEqual(runner.commands.find((c) => 'createIndexes' in c), { createIndexes: 'users', indexes: [{ key: { user_id: 1 }, name: '_tidemark_pk', unique: true }] });
    assert.deepStrictEqual(runner.commands.filter((c) => 'collMod' in c).at(-1), collModCommand(table('posts', users, posts, rename)));
    const live = await conn.introspect();
    assert.deepStrictEqual(live.tables.find((t) => t.name === 'users')!.primaryKey, ['user_id']);
    assert.deepStrictEqual(live.tables.find((t) => t.name === 'posts')!.foreignKeys[0]!.referencedColumns, ['user_id']);
  });
});

describe('alterColumn', () => {
  it('a change that keeps the stored values (longer string, default) is one collMod, with no precheck', async () => {
    const { runner, conn } = await prepared(users);
    const alter = op.alterColumn('users', 'name', { type: 'string', length: 200, default: 'anon' });
    await conn.applier.apply(alter);
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [collModCommand(table('users', users, alter))]);
  });

  it('i32 → i64 rewrites the ints as longs: relax, convert in batches, tighten, catch up', async () => {
    const { runner, conn } = await prepared(users);
    const alter = op.alterColumn('users', 'age', { type: 'i64', nullable: true });
    const conversion = conversionFor('users', 'age', users.table.columns[2]!, alter.to);
    assert.deepStrictEqual(conversion.rewriteFilter, { age: { $exists: true, $not: { $type: ['long', 'null'] } } });
    runner.on('aggregate', countReply(1), countReply(0), countReply(0)).on('find', cursorReply([{ _id: 1 }])).on('update', writeReply(1));
    await conn.applier.apply(alter);
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [
      collModCommand(table('users', users), new Set(['age'])),
      count('users', conversion.rewriteFilter),
      { find: 'users', filter: conversion.rewriteFilter, projection: { _id: 1 }, batchSize: 2 },
      { update: 'users', updates: [{ q: { $and: [{ _id: { $in: [1] } }, conversion.rewriteFilter] }, u: conversion.rewriteUpdate, multi: true }], ordered: true },
      count('users', conversion.rewriteFilter),
      collModCommand(table('users', users, alter)),
      count('users', conversion.rewriteFilter),
    ]);
  });

  it('text → boolean counts the values that do not spell a boolean first, and changes nothing when there are some', async () => {
    const flags = op.createTable({ name: 'flags', columns: [{ name: 'id', type: 'i32' }, { name: 'v', type: 'text', nullable: true }], primaryKey: ['id'] });
    const { runner, conn } = await prepared(flags);
    const alter = op.alterColumn('flags', 'v', { type: 'boolean', nullable: true });
    runner.on('aggregate', countReply(1)).on('find', cursorReply([{ id: 2, v: 'maybe' }]));
    await assert.rejects(conn.applier.apply(alter),
      (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 1 && err.details.check === 'boolean values'
        && JSON.stringify(err.details.samples).includes('maybe'));
    const failing = conversionFor('flags', 'v', flags.table.columns[1]!, alter.to).failing;
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [
      count('flags', failing),
      { find: 'flags', filter: failing, projection: { _id: 0, id: 1, v: 1 }, limit: 5, singleBatch: true },
    ]);
  });

  it('precheck runs every check read-only and returns all failures; apply stops at the first (core narrowing rule: \'007\' → i32)', async () => {
    const items = op.createTable({ name: 'items', columns: [{ name: 'id', type: 'i32' }, { name: 'code', type: 'text', nullable: true }], primaryKey: ['id'] });
    const { runner, conn } = await prepared(items);
    const alter = op.alterColumn('items', 'code', { type: 'i32' });
    const to = findTable(applyOperation(applyOperation(emptySnapshot(), items), alter), 'items')!.columns[1]!;
    const conversion = conversionFor('items', 'code', items.table.columns[1]!, to);
    runner
      .on('aggregate', countReply(1), countReply(1), countReply(2))
      .on('find', cursorReply([{ id: 4, code: null }]), cursorReply([{ id: 3, code: 'abc' }]), cursorReply([{ id: 1, code: '007' }, { id: 2, code: ' 7' }]));
    const failures = await conn.applier.precheck(alter);
    assert.deepStrictEqual(failures.map((f) => [f.details.check, f.details.count, f.details.samples]), [
      ['not null', 1, [{ id: 4, code: null }]],
      ['numeric text', 1, [{ id: 3, code: 'abc' }]],
      ['number text', 2, [{ id: 1, code: '007' }, { id: 2, code: ' 7' }]],
    ]);
    assert.match(failures[2]!.hint, /convert them explicitly first with a data step \(db\.execute/);
    const sent = withoutIntrospection(runner.commands);
    assert.deepStrictEqual(mutating(sent.map((c) => Object.keys(c)[0]!)), [], 'precheck only reads');
    assert.deepStrictEqual(sent.filter((c) => 'aggregate' in c), [count('items', { code: null }), count('items', conversion.failing), count('items', conversion.inexact!.failing)]);

    runner.clear();
    runner.on('aggregate', countReply(0), countReply(0), countReply(2)).on('find', cursorReply([{ id: 1, code: '007' }, { id: 2, code: ' 7' }]));
    await assert.rejects(conn.applier.apply(alter), (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.check === 'number text' && err.details.count === 2);
    assert.deepStrictEqual(mutating(withoutIntrospection(runner.commands).map((c) => Object.keys(c)[0]!)), [], 'a refused alterColumn writes nothing');
  });

  it('decimal(10,3) → decimal(10,2) counts the values that would round, and rewrites nothing', async () => {
    const prices = op.createTable({ name: 'prices', columns: [{ name: 'id', type: 'i32' }, { name: 'p', type: 'decimal', precision: 10, scale: 3, nullable: true }], primaryKey: ['id'] });
    const { runner, conn } = await prepared(prices);
    const alter = op.alterColumn('prices', 'p', { type: 'decimal', precision: 10, scale: 2, nullable: true });
    runner.on('aggregate', countReply(0), countReply(1)).on('find', cursorReply([{ id: 1, p: { $numberDecimal: '1.234' } }]));
    const failures = await conn.applier.precheck(alter);
    assert.deepStrictEqual(failures.map((f) => [f.details.check, f.details.count]), [['decimal scale', 1]]);
    assert.match(failures[0]!.hint, /round them explicitly first with a data step/);
  });

  it('a conversion that would make values of a unique index repeat fails with counts (nulls left out)', async () => {
    const codes = op.createTable({
      name: 'codes', columns: [{ name: 'id', type: 'i32' }, { name: 'code', type: 'string', length: 10 }], primaryKey: ['id'],
      indexes: [{ name: 'idx_codes_code', columns: ['code'], unique: true }],
    });
    const { runner, conn } = await prepared(codes);
    const alter = op.alterColumn('codes', 'code', { type: 'boolean' });
    runner.on('aggregate', countReply(0), cursorReply([{ total: [{ n: 2 }], samples: [{ _id: { code: true }, duplicates: 2 }] }]));
    await assert.rejects(conn.applier.apply(alter),
      (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 2 && err.details.check === 'unique idx_codes_code');
    const conversion = conversionFor('codes', 'code', codes.table.columns[1]!, alter.to);
    const sent = withoutIntrospection(runner.commands);
    assert.deepStrictEqual(sent[1], {
      aggregate: 'codes',
      pipeline: [
        { $match: { code: { $ne: null } } },
        { $group: { _id: { code: conversion.converted('$code') }, duplicates: { $sum: 1 } } },
        { $match: { duplicates: { $gt: 1 } } },
        { $facet: { total: [{ $group: { _id: null, n: { $sum: '$duplicates' } } }], samples: [{ $limit: 5 }] } },
      ],
      cursor: {},
    });
    assert.equal(sent.length, 2);
  });

  it('NOT NULL on a column of a unique index rebuilds the index without its partial filter', async () => {
    const { runner, conn } = await prepared(users, op.createIndex('users', { name: 'idx_users_age', columns: ['age'], unique: true }));
    const alter = op.alterColumn('users', 'age', { type: 'i32' });
    await conn.applier.apply(alter);
    assert.deepStrictEqual(withoutIntrospection(runner.commands), [
      count('users', { age: null }),
      { dropIndexes: 'users', index: 'idx_users_age' },
      { createIndexes: 'users', indexes: [{ key: { age: 1 }, name: 'idx_users_age', unique: true }] },
      collModCommand(table('users', users, op.createIndex('users', { name: 'idx_users_age', columns: ['age'], unique: true }), alter)),
    ]);
  });

  it('json → i32 with values is refused by a precheck that says to convert by hand; without values it is a collMod', async () => {
    const docs = op.createTable({ name: 'docs', columns: [{ name: 'id', type: 'uuid' }, { name: 'body', type: 'json', nullable: true }], primaryKey: ['id'] });
    const { runner, conn } = await prepared(docs);
    runner.on('aggregate', countReply(4)).on('find', cursorReply([{ id: 'x', body: { n: 1 } }]));
    const alter = op.alterColumn('docs', 'body', { type: 'i32', nullable: true });
    await assert.rejects(conn.applier.apply(alter),
      (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.check === 'type conversion' && /cannot convert json values to i32/.test(err.hint) && /db\.execute/.test(err.hint));
    runner.clear();
    await conn.applier.apply(alter);
    assert.deepStrictEqual(mutating(runner.names), ['collMod']);
  });
});
