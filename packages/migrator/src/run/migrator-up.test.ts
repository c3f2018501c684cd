// createMigrator().up / status against an in-memory connection (README: CLI, How a run works): pending is a
// set difference read under the lock, applied in id order; --to; checksum and missing-file
// refusals; destructive steps refused before anything runs; dry runs apply nothing.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { body, FakeConnection, fakeHash, sha256, tempDir, type TempDir } from '../__fixtures__/harness.js';
import type { MigratorEvent } from './events.js';
import { createMigrator, type Migrator } from './migrator.js';

const A = '20250101_000000_create_a';
const B = '20250102_000000_create_b';
const C = '20250103_000000_create_c';
const D = '20250104_000000_create_d';

let tmp: TempDir;
let conn: FakeConnection;
let events: MigratorEvent[];
let migrator: Migrator;

beforeEach(async () => {
  tmp = await tempDir();
  conn = new FakeConnection();
  events = [];
  migrator = createMigrator({ connection: conn, directory: tmp.dir, appliedBy: 'tester@ci', onEvent: (e) => events.push(e) });
});
afterEach(async () => { await tmp.cleanup(); });

/** Writes a migration creating table `name` (down drops it). */
function createTableMigration(id: string, name: string): Promise<string> {
  return tmp.write({ id, up: body.createTable(name), down: body.dropTable(name) });
}

const ofType = <T extends MigratorEvent['type']>(type: T) =>
  events.filter((e): e is Extract<MigratorEvent, { type: T }> => e.type === type);

describe('up', () => {
  test('applies every pending migration in id order, each in a transaction, under one lock', async () => {
    const texts: Record<string, string> = {
      [C]: await createTableMigration(C, 'c'),
      [A]: await createTableMigration(A, 'a'),
      [B]: await createTableMigration(B, 'b'),
    };
    const result = await migrator.up();
    assert.deepEqual(result, { ids: [A, B, C], dryRun: false });
    assert.deepEqual(conn.described(), ['createTable a', 'createTable b', 'createTable c']);
    assert.equal(conn.locksTaken, 1);
    // the history is read only while the lock is held
    const lists = conn.calls.filter((c) => c.kind === 'history.list');
    assert.ok(lists.length > 0);
    assert.ok(lists.every((c) => c.kind === 'history.list' && c.locked), 'history read outside the lock');
    // each migration's operations and its history row commit together
    const shape = conn.calls.filter((c) => c.kind !== 'history.list').map((c) =>
      c.kind === 'apply' ? `apply ${c.operation.kind}` : c.kind === 'history.save' ? `save ${c.record.id} ${c.record.outcome}` : c.kind === 'lock' ? `lock ${c.phase}` : c.kind);
    assert.deepEqual(shape, [
      'lock enter',
      'begin', 'apply createTable', `save ${A} applied`, 'commit',
      'begin', 'apply createTable', `save ${B} applied`, 'commit',
      'begin', 'apply createTable', `save ${C} applied`, 'commit',
      'lock exit',
    ]);
    for (const id of [A, B, C]) {
      const r = conn.records.get(id)!;
      assert.equal(r.outcome, 'applied');
      assert.equal(r.checksum, sha256(texts[id]!));
      assert.equal(r.appliedBy, 'tester@ci');
      assert.ok(!Number.isNaN(Date.parse(r.appliedAt)), r.appliedAt);
      assert.ok(r.executionMs >= 0);
    }
    assert.deepEqual(events.filter((e) => e.type === 'applying' || e.type === 'applied').map((e) => `${e.type} ${e.id}`),
      [`applying ${A}`, `applied ${A}`, `applying ${B}`, `applied ${B}`, `applying ${C}`, `applied ${C}`]);
    assert.deepEqual(ofType('out-of-order'), []);
  });

  test('a second up has nothing to apply', async () => {
    await createTableMigration(A, 'a');
    await migrator.up();
    const before = conn.operations.length;
    assert.deepEqual(await migrator.up(), { ids: [], dryRun: false });
    assert.equal(conn.operations.length, before);
  });

  test('an older migration merged after newer ones were applied is applied, in id order, and reported', async () => {
    await createTableMigration(A, 'a');
    await createTableMigration(C, 'c');
    await migrator.up();
    await createTableMigration(D, 'd');
    await createTableMigration(B, 'b');
    events.length = 0;
    const result = await migrator.up();
    assert.deepEqual(result.ids, [B, D]);
    assert.deepEqual(conn.described(), ['createTable a', 'createTable c', 'createTable b', 'createTable d']);
    assert.deepEqual(conn.appliedIds(), [A, B, C, D]);
    assert.deepEqual(ofType('out-of-order').map((e) => [e.id, e.newestApplied]), [[B, C]]);
  });

  test('status marks a merged older migration as pending and out of order', async () => {
    await createTableMigration(A, 'a');
    await createTableMigration(C, 'c');
    await migrator.up();
    await createTableMigration(B, 'b');
    await createTableMigration(D, 'd');
    const report = await migrator.status();
    assert.deepEqual(report.entries.map((e) => [e.id, e.state, Boolean(e.outOfOrder)]), [
      [A, 'applied', false], [B, 'pending', true], [C, 'applied', false], [D, 'pending', false],
    ]);
    assert.equal(report.fork, undefined);
  });

  test('--to applies up to and including that id; an unknown id is TM_USAGE', async () => {
    await createTableMigration(A, 'a');
    await createTableMigration(B, 'b');
    await createTableMigration(C, 'c');
    await assert.rejects(migrator.up({ to: '20250102_000000_nope' }), (err: unknown) => {
      assert.ok(isTidemarkError(err, 'TM_USAGE'));
      assert.match(err.message, /20250102_000000_nope/);
      return true;
    });
    assert.deepEqual(conn.operations, []);
    assert.deepEqual((await migrator.up({ to: B })).ids, [A, B]);
    assert.deepEqual(conn.appliedIds(), [A, B]);
    assert.deepEqual((await migrator.up({ to: B })).ids, []);
    assert.deepEqual((await migrator.up()).ids, [C]);
  });

  test('an applied migration edited afterwards is TM_CHECKSUM_CHANGED and nothing is applied', async () => {
    const text = await createTableMigration(A, 'a');
    await migrator.up();
    // line endings alone are not an edit
    await tmp.writeRaw(`${A}.ts`, text.replace(/\n/g, '\r\n'));
    await createTableMigration(B, 'b');
    assert.deepEqual((await migrator.up()).ids, [B]);
    await tmp.write({ id: A, up: body.createTable('a'), down: body.dropTable('a'), trailer: '// edited\n' });
    await createTableMigration(C, 'c');
    const records = new Map(conn.records);
    await assert.rejects(migrator.up(), (err: unknown) => {
      assert.ok(isTidemarkError(err, 'TM_CHECKSUM_CHANGED'), String(err));
      assert.match(err.message, new RegExp(A));
      assert.match(err.hint, /migrate:repair/);
      return true;
    });
    assert.deepEqual(conn.described(), ['createTable a', 'createTable b']);
    assert.deepEqual(conn.records, records);
    assert.deepEqual((await migrator.status()).entries.map((e) => e.state), ['changed', 'applied', 'pending']);
  });

  test('an applied migration whose file is gone is TM_FILE_MISSING and nothing is applied', async () => {
    await createTableMigration(A, 'a');
    await createTableMigration(B, 'b');
    await migrator.up();
    await tmp.remove(A);
    await createTableMigration(C, 'c');
    await assert.rejects(migrator.up(), (err: unknown) => {
      assert.ok(isTidemarkError(err, 'TM_FILE_MISSING'), String(err));
      assert.match(err.message, new RegExp(A));
      return true;
    });
    assert.deepEqual(conn.appliedIds(), [A, B]);
    assert.equal(conn.operations.length, 2);
    assert.deepEqual((await migrator.status()).entries.map((e) => [e.id, e.state]), [[A, 'missing'], [B, 'applied'], [C, 'pending']]);
  });

  test('a destructive step without allowDestructive refuses the whole run, even earlier safe migrations', async () => {
    await tmp.write({ id: A, up: body.createTable('a', ['name', 'legacy']), down: body.dropTable('a') });
    await migrator.up();
    await createTableMigration(B, 'b'); // safe
    await tmp.write({
      id: C,
      up: "await db.dropColumn('a', 'legacy');",
      down: "await db.addColumn('a', { name: 'legacy', type: 'string', nullable: true });",
    });
    await createTableMigration(D, 'd'); // safe, after
    const before = conn.calls.length;
    await assert.rejects(migrator.up(), (err: unknown) => {
      assert.ok(isTidemarkError(err, 'TM_DESTRUCTIVE_REFUSED'), String(err));
      assert.equal(err.details.id, C);
      assert.match(err.message, /TM_W_DROP_COLUMN/);
      assert.match(err.message, /a\.legacy/);
      return true;
    });
    assert.deepEqual(conn.appliedIds(), [A]);
    assert.deepEqual(conn.described(), ['createTable a']);
    assert.deepEqual(conn.calls.slice(before).filter((c) => c.kind === 'apply' || c.kind === 'execute' || c.kind === 'history.save'), []);

    const result = await migrator.up({ allowDestructive: true });
    assert.deepEqual(result.ids, [B, C, D]);
    assert.deepEqual(conn.described(), ['createTable a', 'createTable b', 'dropColumn a.legacy', 'createTable d']);
    assert.deepEqual(ofType('destructive-allowed').map((e) => [e.id, e.warnings.map((w) => w.code)]), [[C, ['TM_W_DROP_COLUMN']]]);
  });

  test('a pending dropTable is refused too (--to past it), but --to before it applies the safe ones', async () => {
    await createTableMigration(A, 'a');
    await tmp.write({ id: B, up: body.dropTable('a'), down: body.createTable('a') });
    await assert.rejects(migrator.up(), { code: 'TM_DESTRUCTIVE_REFUSED' });
    assert.deepEqual(conn.operations, []);
    assert.deepEqual((await migrator.up({ to: A })).ids, [A]);
    await assert.rejects(migrator.up(), (err: unknown) => isTidemarkError(err, 'TM_DESTRUCTIVE_REFUSED') && /TM_W_DROP_TABLE/.test(err.message));
    assert.deepEqual(conn.appliedIds(), [A]);
  });

  test('a dry run returns the ids and statements and applies and records nothing', async () => {
    await createTableMigration(A, 'a');
    await migrator.up();
    await createTableMigration(B, 'b');
    await tmp.write({ id: C, up: `${body.dropTable('a')}\nawait db.execute("UPDATE b SET name = 'x'");`, down: body.createTable('a') });
    const calls = conn.calls.length;
    events.length = 0;
    const result = await migrator.up({ dryRun: true });
    assert.deepEqual(result, { ids: [B, C], dryRun: true });
    assert.deepEqual(conn.appliedIds(), [A]);
    assert.deepEqual(conn.described(), ['createTable a']);
    assert.deepEqual(conn.calls.slice(calls).filter((c) => c.kind !== 'history.list' && c.kind !== 'lock'), []);
    const dry = ofType('dry-run');
    assert.deepEqual(dry.map((e) => [e.id, e.direction, e.statements]), [
      [B, 'up', ['FAKE createTable b']],
      [C, 'up', ['FAKE dropTable a', "FAKE execute UPDATE b SET name = 'x'"]],
    ]);
    assert.deepEqual(dry[1]!.warnings.map((w) => w.code), ['TM_W_DROP_TABLE']);
    assert.deepEqual(ofType('applying'), []);
  });

  test('a fork between pending migrations refuses up with TM_MIGRATION_FORK', async () => {
    const [E, X, Y] = ['e', 'x', 'y'].map(fakeHash) as [string, string, string];
    await tmp.write({ id: A, header: { from: E, to: X }, up: body.createTable('a'), down: body.dropTable('a') });
    await tmp.write({ id: B, header: { from: X, to: Y }, up: body.createTable('b'), down: body.dropTable('b') });
    await tmp.write({ id: C, header: { from: X, to: fakeHash('z') }, up: body.createTable('c'), down: body.dropTable('c') });
    await assert.rejects(migrator.up(), (err: unknown) => isTidemarkError(err, 'TM_MIGRATION_FORK') && err.message.includes(B) && err.message.includes(C));
    assert.deepEqual(conn.operations, []);
    const report = await migrator.status();
    assert.deepEqual(report.fork?.files, [B, C]);
  });

  test('concurrent runs on one database apply each migration once (history is read under the lock)', async () => {
    await createTableMigration(A, 'a');
    await createTableMigration(B, 'b');
    const other = createMigrator({ connection: conn, directory: tmp.dir });
    const [r1, r2] = await Promise.all([migrator.up(), other.up()]);
    assert.deepEqual([...r1.ids, ...r2.ids].sort(), [A, B]);
    assert.deepEqual(conn.described(), ['createTable a', 'createTable b']);
    assert.equal(conn.locksTaken, 2);
  });
});

describe('up: an index built CONCURRENTLY', () => {
  test('in a migration that would run in a transaction is refused before anything runs', async () => {
    await createTableMigration(A, 'a');
    await tmp.write({ id: B, up: "await db.createIndex('a', { name: 'idx_a_id', columns: ['id'] }, { concurrently: true });", down: "await db.dropIndex('a', 'idx_a_id');" });
    await assert.rejects(migrator.up(), (err: unknown) => isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION') && /transaction: false/.test(err.hint) && /nothing was applied/.test(err.message));
    assert.deepEqual(conn.described(), []);
  });
});

describe('up: progress of long data steps', () => {
  test("the applier's progress reaches the event sink, tagged with the migration, and the listener is removed afterwards", async () => {
    const inner = conn.applier.apply.bind(conn.applier);
    (conn.applier as { apply: typeof inner }).apply = async (operation) => {
      conn.applier.onProgress?.({ operation: 'backfill', table: 'a', done: 500, total: 1000 });
      conn.applier.onProgress?.({ operation: 'backfill', table: 'a', done: 1000, total: 1000 });
      return inner(operation);
    };
    await createTableMigration(A, 'a');
    await migrator.up();
    assert.deepEqual(ofType('progress').map((e) => [e.id, e.progress.done]), [[A, 500], [A, 1000]]);
    assert.equal(conn.applier.onProgress, undefined);
  });
});

describe('up: a failing migration', () => {
  const failing = (id: string) => tmp.write({
    id, up: `${body.createTable('b')}\nawait db.execute('BOOM');\nawait db.execute('after');`, down: body.dropTable('b'),
  });

  test('transactional: earlier migrations stay, nothing of the failed one does, history says failed', async () => {
    conn.failWhen = (o) => o.kind === 'execute' && o.statement === 'BOOM';
    await createTableMigration(A, 'a');
    await failing(B);
    await createTableMigration(C, 'c');
    await assert.rejects(migrator.up(), (err: unknown) => {
      assert.ok(isTidemarkError(err, 'TM_MIGRATION_FAILED'), String(err));
      assert.match(err.message, new RegExp(B));
      assert.match(err.message, /step 2/);
      assert.match(err.message, /fake failure on BOOM/);
      assert.deepEqual(err.details.applied, [A]);
      assert.equal(err.details.step, 2);
      return true;
    });
    assert.deepEqual(conn.described(), ['createTable a']);
    const failed = conn.records.get(B);
    assert.equal(failed?.outcome, 'failed');
    assert.equal(failed?.stepsApplied, 0);
    assert.match(failed?.error ?? '', /fake failure on BOOM/);
    assert.equal(conn.records.has(C), false);
    const report = await migrator.status();
    assert.deepEqual(report.entries.map((e) => [e.id, e.state]), [[A, 'applied'], [B, 'failed'], [C, 'pending']]);

    // fixed: up applies it and what follows
    conn.failWhen = () => false;
    assert.deepEqual((await migrator.up()).ids, [B, C]);
    assert.equal(conn.records.get(B)?.outcome, 'applied');
    assert.equal(conn.records.get(B)?.stepsApplied, undefined);
    assert.equal(conn.records.get(B)?.error, undefined);
  });

  test('non-transactional: the steps applied are recorded and up refuses until resumed', async () => {
    conn = new FakeConnection({ transactionalDdl: false });
    conn.failWhen = (o) => o.kind === 'execute' && o.statement === 'BOOM';
    migrator = createMigrator({ connection: conn, directory: tmp.dir, onEvent: (e) => events.push(e) });
    await failing(A);
    await createTableMigration(B, 'other');
    await assert.rejects(migrator.up(), (err: unknown) => {
      assert.ok(isTidemarkError(err, 'TM_MIGRATION_FAILED'), String(err));
      assert.equal(err.details.transactional, false);
      assert.deepEqual(err.details.applied, []);
      return true;
    });
    assert.deepEqual(conn.described(), ['createTable b']);
    assert.equal(conn.records.get(A)?.stepsApplied, 1);
    const entry = (await migrator.status()).entries.find((e) => e.id === A);
    assert.equal(entry?.state, 'failed');
    assert.equal(entry?.stepsApplied, 1);
    // status loads the failed file and says, step by step, what is in the database
    assert.deepEqual(entry?.steps?.map((s) => [s.index, s.state, s.operation.kind]), [[1, 'applied', 'createTable'], [2, 'failed', 'execute'], [3, 'not applied', 'execute']]);
    conn.failWhen = () => false;
    await assert.rejects(migrator.up(), (err: unknown) => isTidemarkError(err, 'TM_MIGRATION_FAILED') && err.hint.includes('migrate:up --resume'));
    assert.deepEqual(conn.described(), ['createTable b'], 'nothing more ran');
    // the cause is fixed: resume runs the failed step and the rest, never step 1 again
    assert.deepEqual((await migrator.up({ resume: true })).ids, [A, B]);
    assert.deepEqual(conn.described(), ['createTable b', 'execute BOOM', 'execute after', 'createTable other']);
  });
});
