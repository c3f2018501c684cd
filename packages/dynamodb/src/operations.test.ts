// Every operation against DynamoDB Local, with items: values inserted before each change are
// checked after it, item by item, and refusals are checked to change nothing.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { isTidemarkError, op, type ProgressEvent, type SchemaOperation } from '@tidemark/core';
import { CreateTableCommand, ListTablesCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { liveSkip, openLocal, rawClient } from './__fixtures__/local.js';
import type { DynamoConnection } from './connection.js';
import type { WaitEvent } from './wait.js';

type Item = Record<string, AttributeValue>;
let conn: DynamoConnection;
let url: string;
let waits: WaitEvent[];

const apply = (...operations: SchemaOperation[]) => conn.withLock(async () => { for (const o of operations) await conn.applier.apply(o); });
const put = (table: string, item: Item) => conn.applier.execute({ command: 'PutItem', input: { TableName: table, Item: item } });
async function items(table: string): Promise<Item[]> {
  const out = (await conn.applier.execute({ command: 'Scan', input: { TableName: table, ConsistentRead: true } })) as { Items: Item[] };
  return out.Items.sort((a, b) => (a.id!.S ?? a.id!.N!).localeCompare(b.id!.S ?? b.id!.N!, undefined, { numeric: true }));
}
const queryIndex = async (table: string, index: string, name: string, value: AttributeValue): Promise<Item[]> => ((await conn.applier.execute({
  command: 'Query', input: { TableName: table, IndexName: index, KeyConditionExpression: '#k = :v', ExpressionAttributeNames: { '#k': name }, ExpressionAttributeValues: { ':v': value } },
})) as { Items: Item[] }).Items;

const users = op.createTable({
  name: 'users',
  columns: [{ name: 'id', type: 'string', length: 36 }, { name: 'name', type: 'string', length: 40 }, { name: 'age', type: 'i32', nullable: true }, { name: 'code', type: 'text', nullable: true }],
  primaryKey: ['id'],
});
const seed: Item[] = [
  { id: { S: 'u1' }, name: { S: 'ada' }, age: { N: '36' }, code: { S: '12' } },
  { id: { S: 'u2' }, name: { S: 'grace' }, code: { S: 'abc' } },
  { id: { S: 'u3' }, name: { S: "o'brien" }, age: { N: '51' }, code: { S: ' 7 ' } },
];

/** Expects `operation` to fail its precheck with `count` items, changing neither schema nor items. */
async function expectRefused(operation: SchemaOperation, check: string, count: number, sample?: RegExp): Promise<void> {
  const schema = await conn.introspect();
  const before = await items('users');
  await assert.rejects(apply(operation), (err) => {
    assert.ok(isTidemarkError(err, 'TM_PRECHECK_FAILED'), String(err));
    assert.equal(err.details.check, check);
    assert.equal(err.details.count, count);
    if (sample) assert.match(JSON.stringify(err.details.samples), sample);
    return true;
  });
  assert.deepEqual(await conn.introspect(), schema, 'the schema is unchanged');
  assert.deepEqual(await items('users'), before, 'the items are unchanged');
}

describe('DynamoDB operations on tables holding items', { skip: Boolean(liveSkip()) }, () => {
  beforeEach(async () => {
    waits = [];
    ({ conn, url } = await openLocal({ onWait: (e) => waits.push(e) }));
    await apply(users);
    for (const item of seed) await put('users', item);
  });
  afterEach(async () => conn.close());

  it('createTable makes the real key and GSIs; introspection reads them back', async () => {
    await apply(op.createTable({
      name: 'events', columns: [{ name: 'tenant', type: 'uuid' }, { name: 'at', type: 'timestamp' }, { name: 'kind', type: 'enum', values: ['a', 'b'] }],
      primaryKey: ['tenant', 'at'], indexes: [{ name: 'idx_events_kind_at', columns: ['kind', 'at'] }],
    }));
    const described = (await conn.applier.execute({ command: 'Query', input: { TableName: 'events', IndexName: 'idx_events_kind_at', KeyConditionExpression: 'kind = :k', ExpressionAttributeValues: { ':k': { S: 'a' } } } })) as { Count: number };
    assert.equal(described.Count, 0);
    const events = (await conn.introspect()).tables.find((t) => t.name === 'events')!;
    assert.deepEqual(events.primaryKey, ['tenant', 'at']);
    assert.deepEqual(events.indexes, [{ name: 'idx_events_kind_at', columns: ['kind', 'at'], unique: false }]);
  });

  it('addColumn back-fills every item, keeps a value a writer already stored, and reports progress', async () => {
    await put('users', { id: { S: 'u4' }, name: { S: 'kept' }, score: { N: '99' } });
    const events: ProgressEvent[] = [];
    conn.applier.onProgress = (e) => events.push(e);
    await apply(op.addColumn('users', { name: 'score', type: 'i32' }, { backfill: 10 }));
    assert.deepEqual((await items('users')).map((i) => [i.id!.S, i.score?.N]), [['u1', '10'], ['u2', '10'], ['u3', '10'], ['u4', '99']]);
    assert.ok(events.length > 0 && events.every((e) => e.operation === 'addColumn' && e.table === 'users'));
    assert.equal(events.at(-1)!.done, 3, 'the three items that lacked the attribute were passed over');
  });

  it('a Default.now column gets one timestamp in every existing item; a nullable column without default touches nothing', async () => {
    await apply(op.addColumn('users', { name: 'created_at', type: 'timestamp', default: { fn: 'now' } }), op.addColumn('users', { name: 'bio', type: 'text', nullable: true }));
    const stamps = new Set((await items('users')).map((i) => i.created_at?.S));
    assert.equal(stamps.size, 1);
    assert.match([...stamps][0]!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok((await items('users')).every((i) => !('bio' in i)));
  });

  it('a NOT NULL column without default or back-fill is refused on a table with items, with the count', async () => {
    await expectRefused(op.addColumn('users', { name: 'email', type: 'string' }), 'not null', 3, /u1/);
  });

  it('renameColumn moves every value; dropColumn removes the attribute from every item', async () => {
    await apply(op.renameColumn('users', 'name', 'full_name'));
    assert.deepEqual((await items('users')).map((i) => [i.full_name?.S, 'name' in i]), [['ada', false], ['grace', false], ["o'brien", false]]);
    await apply(op.dropColumn('users', 'age'));
    assert.ok((await items('users')).every((i) => !('age' in i)));
  });

  it('alterColumn converts values where they convert, and refuses with counts and samples where not', async () => {
    await expectRefused(op.alterColumn('users', 'code', { type: 'i32', nullable: true }), 'numeric text', 1, /abc.*not a number/);
    await expectRefused(op.alterColumn('users', 'age', { type: 'i32' }), 'not null', 1, /u2/);
    await apply(op.alterColumn('users', 'age', { type: 'text', nullable: true }));
    assert.deepEqual((await items('users')).map((i) => i.age), [{ S: '36' }, undefined, { S: '51' }]);
    await put('users', { id: { S: 'u2' }, name: { S: 'grace' }, code: { S: '0' } });
    // ' 7 ' is not written as the integer it would become (core narrowing rule): converted by hand first
    await expectRefused(op.alterColumn('users', 'code', { type: 'i64', nullable: true }), 'number text', 1, /u3.*not written as the i64/);
    await put('users', { id: { S: 'u3' }, name: { S: "o'brien" }, age: { S: '51' }, code: { S: '7' } });
    await apply(op.alterColumn('users', 'code', { type: 'i64', nullable: true }));
    assert.deepEqual((await items('users')).map((i) => i.code), [{ N: '12' }, { N: '0' }, { N: '7' }]);
    await expectRefused(op.alterColumn('users', 'name', { type: 'string', length: 5 }), 'string length', 1, /o'brien.*longer than 5/);
  });

  it('createIndex waits while DynamoDB builds the GSI (CREATING → ACTIVE), and the index answers queries', async () => {
    waits.length = 0;
    await apply(op.createIndex('users', { name: 'idx_users_name', columns: ['name'] }));
    assert.ok(waits.some((w) => w.index === 'idx_users_name' && w.status === 'CREATING'), `observed ${JSON.stringify(waits)}`);
    assert.deepEqual((await queryIndex('users', 'idx_users_name', 'name', { S: 'grace' })).map((i) => i.id!.S), ['u2']);
    waits.length = 0;
    await apply(op.dropIndex('users', 'idx_users_name'));
    assert.ok(waits.some((w) => w.index === 'idx_users_name' && w.status === 'DELETING'), `observed ${JSON.stringify(waits)}`);
    assert.deepEqual((await conn.introspect()).tables[0]!.indexes, []);
  });

  it('an index is refused over values DynamoDB cannot index (an empty string), before anything changes', async () => {
    await put('users', { id: { S: 'u4' }, name: { S: '' } });
    await expectRefused(op.createIndex('users', { name: 'idx_users_name', columns: ['name'] }), 'index keys', 1, /u4.*empty/);
  });

  it('an application-enforced unique index is refused over duplicates, and so is a type change that would make them', async () => {
    await put('users', { id: { S: 'u4' }, name: { S: 'ada' }, code: { S: 'yes' } });
    await expectRefused(op.createIndex('users', { name: 'idx_users_name', columns: ['name'], unique: true, applicationEnforced: true }), 'unique', 2, /u1.*u4|u4.*u1/);
    await apply(op.createIndex('users', { name: 'idx_users_code', columns: ['code'], unique: true, applicationEnforced: true }));
    assert.deepEqual((await conn.introspect()).tables[0]!.indexes, [{ name: 'idx_users_code', columns: ['code'], unique: true, applicationEnforced: true }]);
    // '1.5' and '1.50' are distinct as text, but both become the number 1.5 (nothing is rounded)
    await put('users', { id: { S: 'u1' }, name: { S: 'ada' }, code: { S: '1.5' } });
    await put('users', { id: { S: 'u2' }, name: { S: 'grace' }, code: { S: '1.50' } });
    await put('users', { id: { S: 'u3' }, name: { S: "o'brien" }, code: { S: '7' } });
    await put('users', { id: { S: 'u4' }, name: { S: 'ada' }, code: { S: '8' } });
    await expectRefused(op.alterColumn('users', 'code', { type: 'decimal', precision: 4, scale: 2, nullable: true }), 'unique idx_users_code', 2, /"id":"u1","code":1\.5\}/);
  });

  it('a type change of an indexed column rebuilds the GSI around the rewrite, with the new key type', async () => {
    await apply(op.createIndex('users', { name: 'idx_users_age', columns: ['age'] }));
    await apply(op.alterColumn('users', 'age', { type: 'string', length: 10, nullable: true }));
    assert.deepEqual((await queryIndex('users', 'idx_users_age', 'age', { S: '51' })).map((i) => i.id!.S), ['u3']);
    assert.deepEqual((await conn.introspect()).tables[0]!.indexes, [{ name: 'idx_users_age', columns: ['age'], unique: false }]);
    // renaming it moves values and re-creates the index over the new name
    await apply(op.renameColumn('users', 'age', 'years'));
    assert.deepEqual((await queryIndex('users', 'idx_users_age', 'years', { S: '36' })).map((i) => i.id!.S), ['u1']);
  });

  it('renameTable copies every item into a new table with the same key and indexes, then deletes the old one', async () => {
    await apply(op.createIndex('users', { name: 'idx_users_name', columns: ['name'] }));
    const events: ProgressEvent[] = [];
    conn.applier.onProgress = (e) => events.push(e);
    await apply(op.renameTable('users', 'people'));
    assert.deepEqual((await items('people')).map((i) => i.name!.S), ['ada', 'grace', "o'brien"]);
    assert.deepEqual((await queryIndex('people', 'idx_users_name', 'name', { S: 'ada' })).map((i) => i.id!.S), ['u1']);
    await assert.rejects(items('users'), (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && err.details.awsError === 'ResourceNotFoundException');
    assert.deepEqual(events.map((e) => [e.operation, e.done]), [['renameTable', 3]]);
  });

  it('what DynamoDB cannot do is refused with TM_UNSUPPORTED_OPERATION before anything changes', async () => {
    const schema = await conn.introspect();
    for (const operation of [op.renameColumn('users', 'id', 'user_id'), op.alterColumn('users', 'id', { type: 'i64' }), op.alterPrimaryKey('users', ['name']),
      op.addColumn('users', { name: 'flag', type: 'boolean', nullable: true }), op.createIndex('users', { name: 'idx_users_flag', columns: ['flag'] })]) {
      if (operation.kind === 'addColumn') { await apply(operation); continue; }
      await assert.rejects(apply(operation), (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && err.hint.length > 0, operation.kind);
    }
    assert.deepEqual((await conn.introspect()).tables[0]!.primaryKey, schema.tables[0]!.primaryKey);
    assert.deepEqual(await items('users'), seed);
  });

  it('introspection reports what DynamoDB really has: an index deleted behind Tidemark\'s back is gone', async () => {
    await apply(op.createIndex('users', { name: 'idx_users_name', columns: ['name'] }));
    const raw = rawClient(url);
    try {
      await raw.send(new UpdateTableCommand({ TableName: 'users', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'idx_users_name' } }] }));
    } finally {
      raw.destroy();
    }
    assert.deepEqual((await conn.introspect()).tables[0]!.indexes, []);
  });

  it('execute runs data commands, PartiQL included, and refuses SQL text', async () => {
    await conn.applier.execute({ command: 'ExecuteStatement', input: { Statement: `UPDATE "users" SET "code" = 'x' WHERE "id" = 'u2'` } });
    assert.equal((await items('users'))[1]!.code!.S, 'x');
    await assert.rejects(conn.applier.execute("UPDATE users SET code = 'x'"), (err) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION'));
  });

  it('dropTable deletes the table and its metadata; dropAll leaves tables Tidemark does not manage', async () => {
    await apply(op.createTable({ name: 'logs', columns: [{ name: 'id', type: 'uuid' }], primaryKey: ['id'] }));
    await apply(op.dropTable('logs'));
    assert.deepEqual((await conn.introspect()).tables.map((t) => t.name), ['users']);
    const raw = rawClient(url);
    try {
      await raw.send(new CreateTableCommand({ TableName: 'not_ours', KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }));
      assert.deepEqual((await conn.introspect()).tables.map((t) => t.name), ['users'], 'a table without Tidemark metadata is not Tidemark\'s');
      await conn.history.ensure();
      await conn.dropAll();
      assert.deepEqual((await conn.introspect()).tables, []);
      assert.deepEqual(await conn.history.list(), []);
      assert.deepEqual((await raw.send(new ListTablesCommand({}))).TableNames, ['_tidemark_lock', 'not_ours']);
    } finally {
      raw.destroy();
    }
  });
});
