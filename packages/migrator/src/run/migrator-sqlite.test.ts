// createMigrator on a real SQLite file (README: CLI, How a run works): a failing migration leaves no trace
// and is recorded as failed; down (--steps, --to, destructive refusal); repair.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { isTidemarkError, type BackendConnection } from '@tidemark/core';
import { sqliteBackend } from '@tidemark/sqlite';
import { body, migrationText, sha256, tempDir, type MigrationSpec, type TempDir } from '../__fixtures__/harness.js';
import type { MigratorEvent } from './events.js';
import { createMigrator, type Migrator } from './migrator.js';

const A = '20250101_000000_create_items';
const B = '20250102_000000_index_items';
const C = '20250103_000000_rename_items';
const D = '20250104_000000_create_tags';

let tmp: TempDir;
let conn: BackendConnection;
let events: MigratorEvent[];
let migrator: Migrator;

beforeEach(async () => {
  tmp = await tempDir('migrator-sqlite-');
  conn = await sqliteBackend.connect(`sqlite:${join(tmp.dir, 'app.db')}`);
  events = [];
  migrator = createMigrator({ connection: conn, directory: join(tmp.dir, 'migrations'), onEvent: (e) => events.push(e) });
});
afterEach(async () => {
  await conn.close();
  await tmp.cleanup();
});

/** Writes a migration into the migrations folder. */
async function write(spec: MigrationSpec): Promise<string> {
  await mkdir(join(tmp.dir, 'migrations'), { recursive: true });
  const text = migrationText(spec);
  await writeFile(join(tmp.dir, 'migrations', `${spec.id}.ts`), text);
  return text;
}

async function rows(statement: string): Promise<Record<string, unknown>[]> {
  return (await conn.applier.execute(statement)) as Record<string, unknown>[];
}

async function tables(): Promise<string[]> {
  return (await rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_tidemark%' ORDER BY name")).map((r) => String(r.name));
}

async function indexes(): Promise<string[]> {
  return (await rows("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")).map((r) => String(r.name));
}

/** The raw history table, read with SQL rather than through Tidemark. */
async function history(): Promise<{ id: string; outcome: string; steps: unknown; error: unknown; checksum: string }[]> {
  return (await rows('SELECT id, outcome, steps_applied, error, checksum FROM _tidemark_migrations ORDER BY id')).map((r) => ({
    id: String(r.id), outcome: String(r.outcome), steps: r.steps_applied, error: r.error, checksum: String(r.checksum),
  }));
}

const itemsTable = "await db.createTable({ name: 'items', primaryKey: ['id'], columns: [{ name: 'id', type: 'i32', autoIncrement: true }, { name: 'name', type: 'string', nullable: true }] });";

describe('a failing migration on SQLite', () => {
  test('names the migration and step, leaves nothing of it, keeps earlier ones, is recorded as failed, and runs once fixed', async () => {
    await write({ id: A, up: itemsTable, down: body.dropTable('items') });
    const broken = `${body.createTable('second')}\nawait db.execute("INSERT INTO items (name) VALUES ('from b')");\nawait db.execute('SELECT * FROM missing_table');`;
    await write({ id: B, up: broken, down: body.dropTable('second') });
    await write({ id: C, up: body.createTable('third'), down: body.dropTable('third') });

    await assert.rejects(migrator.up(), (err: unknown) => {
      assert.ok(isTidemarkError(err), String(err));
      assert.match(err.code, /^TM_/);
      assert.match(err.message, new RegExp(B));
      assert.match(err.message, /step 3/);
      assert.match(err.message, /missing_table/);
      assert.deepEqual(err.details.applied, [A]);
      assert.equal(err.details.migration, B);
      assert.equal(err.details.step, 3);
      return true;
    });
    assert.deepEqual(await tables(), ['items'], 'second is rolled back and third never ran');
    assert.deepEqual(await rows('SELECT name FROM items'), [], 'the insert of the failed migration is rolled back');
    const h = await history();
    assert.deepEqual(h.map((r) => [r.id, r.outcome, r.steps]), [[A, 'applied', null], [B, 'failed', 0]]);
    assert.match(String(h[1]!.error), /missing_table/);

    const report = await migrator.status();
    assert.deepEqual(report.entries.map((e) => [e.id, e.state]), [[A, 'applied'], [B, 'failed'], [C, 'pending']]);
    const failed = report.entries[1]!;
    assert.equal(failed.stepsApplied, 0);
    assert.match(failed.error ?? '', /missing_table/);

    // the connection is still usable, and the lock was released: another connection can migrate
    const fixed = await write({ id: B, up: body.createTable('second'), down: body.dropTable('second') });
    const other = await sqliteBackend.connect(`sqlite:${join(tmp.dir, 'app.db')}`);
    try {
      const result = await createMigrator({ connection: other, directory: join(tmp.dir, 'migrations') }).up();
      assert.deepEqual(result.ids, [B, C]);
    } finally {
      await other.close();
    }
    assert.deepEqual(await tables(), ['items', 'second', 'third']);
    const after = await history();
    assert.deepEqual(after.map((r) => [r.id, r.outcome, r.steps, r.error]), [[A, 'applied', null, null], [B, 'applied', null, null], [C, 'applied', null, null]]);
    assert.equal(after[1]!.checksum, sha256(fixed));
    assert.deepEqual((await migrator.status()).entries.map((e) => e.state), ['applied', 'applied', 'applied']);
  });

  test('a second step failing after a createTable: the table is absent and stepsApplied is 0', async () => {
    await write({ id: A, up: `${itemsTable}\nawait db.execute('SELECT * FROM missing_table');`, down: body.dropTable('items') });
    await assert.rejects(migrator.up(), (err: unknown) => {
      assert.ok(isTidemarkError(err));
      assert.match(err.message, new RegExp(`${A}.*step 2`));
      assert.deepEqual(err.details.applied, []);
      return true;
    });
    assert.deepEqual(await tables(), []);
    assert.deepEqual((await history()).map((r) => [r.id, r.outcome, r.steps]), [[A, 'failed', 0]]);
  });

  test('a failing data precheck in a later migration keeps the earlier ones of the same run', async () => {
    await write({ id: A, up: `${itemsTable}\nawait db.execute("INSERT INTO items (name) VALUES ('x'), ('x')");`, down: body.dropTable('items') });
    await write({ id: B, up: "await db.createIndex('items', { name: 'idx_items_name', columns: ['name'], unique: true });", down: "await db.dropIndex('items', 'idx_items_name');" });
    await assert.rejects(migrator.up(), (err: unknown) => {
      assert.ok(isTidemarkError(err), String(err));
      assert.match(err.message, new RegExp(B));
      assert.deepEqual(err.details.applied, [A]);
      return true;
    });
    assert.deepEqual(await tables(), ['items']);
    assert.deepEqual(await rows('SELECT count(*) AS n FROM items'), [{ n: 2 }]);
    assert.deepEqual(await indexes(), []);
    assert.deepEqual((await history()).map((r) => [r.id, r.outcome]), [[A, 'applied'], [B, 'failed']]);
  });
});

describe('a migration with transaction: false on SQLite', () => {
  test('a failure keeps the steps before it, records how many, and blocks up until resolved', async () => {
    await write({ id: A, transaction: false, up: `${itemsTable}\nawait db.execute('SELECT * FROM missing_table');\n${body.createTable('never')}`, down: body.dropTable('items') });
    await write({ id: B, up: body.createTable('second'), down: body.dropTable('second') });
    await assert.rejects(migrator.up(), (err: unknown) => {
      assert.ok(isTidemarkError(err), String(err));
      assert.match(err.message, new RegExp(`${A}.*step 2`));
      assert.equal(err.details.stepsApplied, 1);
      assert.equal(err.details.transactional, false);
      return true;
    });
    assert.deepEqual(await tables(), ['items'], 'step 1 stays: it did not run in a transaction');
    assert.deepEqual((await history()).map((r) => [r.id, r.outcome, r.steps]), [[A, 'failed', 1]]);
    const entry = (await migrator.status()).entries[0]!;
    assert.deepEqual([entry.state, entry.stepsApplied], ['failed', 1]);
    await assert.rejects(migrator.up(), (err: unknown) => {
      assert.ok(isTidemarkError(err, 'TM_MIGRATION_FAILED'), String(err));
      assert.match(err.hint, new RegExp(`migrate:resolve ${A} --applied`));
      return true;
    });
    assert.deepEqual(await tables(), ['items'], 'nothing more ran');
    await migrator.resolve(A, { applied: true });
    assert.deepEqual((await migrator.up()).ids, [B]);
    assert.deepEqual(await tables(), ['items', 'second']);
  });
});

describe('down on SQLite', () => {
  beforeEach(async () => {
    await write({ id: A, up: itemsTable, down: body.dropTable('items') });
    await write({ id: B, up: "await db.createIndex('items', { name: 'idx_items_name', columns: ['name'] });", down: "await db.dropIndex('items', 'idx_items_name');" });
    await write({ id: C, up: "await db.renameTable('items', 'products');", down: "await db.renameTable('products', 'items');" });
    await write({ id: D, up: body.createTable('tags'), down: body.dropTable('tags') });
    await migrator.up();
    assert.deepEqual(await tables(), ['products', 'tags']);
    events.length = 0;
  });

  test('a destructive down (dropTable) is refused and changes nothing; allowed, it drops and removes the row', async () => {
    await assert.rejects(migrator.down(), (err: unknown) => {
      assert.ok(isTidemarkError(err, 'TM_DESTRUCTIVE_REFUSED'), String(err));
      assert.equal(err.details.id, D);
      assert.match(err.message, /TM_W_DROP_TABLE/);
      return true;
    });
    assert.deepEqual(await tables(), ['products', 'tags']);
    assert.deepEqual((await history()).map((r) => r.id), [A, B, C, D]);
    assert.deepEqual(await migrator.down({ allowDestructive: true }), { ids: [D], dryRun: false });
    assert.deepEqual(await tables(), ['products']);
    assert.deepEqual((await history()).map((r) => r.id), [A, B, C]);
    assert.deepEqual(events.filter((e) => e.type === 'applied').map((e) => [e.id, e.direction]), [[D, 'down']]);
    assert.deepEqual((await migrator.status()).entries.map((e) => e.state), ['applied', 'applied', 'applied', 'pending']);
  });

  test('--steps rolls back that many, newest first; --steps refusing one destructive step rolls back none', async () => {
    await assert.rejects(migrator.down({ steps: 3 }), { code: 'TM_DESTRUCTIVE_REFUSED' });
    assert.deepEqual((await history()).map((r) => r.id), [A, B, C, D]);
    await migrator.down({ allowDestructive: true });
    events.length = 0;
    assert.deepEqual((await migrator.down({ steps: 2 })).ids, [C, B]);
    assert.deepEqual(events.filter((e) => e.type === 'applying').map((e) => e.id), [C, B]);
    assert.deepEqual(await tables(), ['items']);
    assert.deepEqual(await indexes(), []);
    assert.deepEqual((await history()).map((r) => r.id), [A]);
    // and up brings them back
    assert.deepEqual((await migrator.up()).ids, [B, C, D]);
    assert.deepEqual(await tables(), ['products', 'tags']);
    assert.deepEqual(await indexes(), ['idx_items_name']);
  });

  test('--to rolls back everything newer than the id, which stays applied', async () => {
    assert.deepEqual((await migrator.down({ to: A, allowDestructive: true })).ids, [D, C, B]);
    assert.deepEqual(await tables(), ['items']);
    assert.deepEqual((await history()).map((r) => r.id), [A]);
    assert.deepEqual((await migrator.down({ to: A })).ids, []);
    await assert.rejects(migrator.down({ to: C }), (err: unknown) => isTidemarkError(err, 'TM_USAGE') && err.message.includes(C));
    assert.deepEqual((await history()).map((r) => r.id), [A]);
  });

  test('a down that fails half-way is rolled back whole and the migration stays applied', async () => {
    await write({ id: C, up: "await db.renameTable('items', 'products');", down: "await db.renameTable('products', 'items');\nawait db.execute('SELECT * FROM missing_table');" });
    assert.deepEqual(await migrator.repair(C), [C]);
    await migrator.down({ allowDestructive: true });
    await assert.rejects(migrator.down(), (err: unknown) => {
      assert.ok(isTidemarkError(err), String(err));
      assert.match(err.message, new RegExp(`${C} \\(down\\) step 2`));
      assert.match(err.message, /missing_table/);
      return true;
    });
    assert.deepEqual(await tables(), ['products']);
    assert.deepEqual((await history()).map((r) => [r.id, r.outcome]), [[A, 'applied'], [B, 'applied'], [C, 'applied']]);
  });

  test('a dry run of down returns the statements and changes nothing', async () => {
    const result = await migrator.down({ steps: 2, dryRun: true });
    assert.deepEqual(result, { ids: [D, C], dryRun: true });
    const dry = events.filter((e): e is Extract<MigratorEvent, { type: 'dry-run' }> => e.type === 'dry-run');
    assert.deepEqual(dry.map((e) => e.id), [D, C]);
    assert.match(dry[0]!.statements.join('\n'), /DROP TABLE "tags"/);
    assert.match(dry[1]!.statements.join('\n'), /ALTER TABLE "products" RENAME TO "items"/);
    assert.deepEqual(dry[0]!.warnings.map((w) => w.code), ['TM_W_DROP_TABLE']);
    assert.deepEqual(await tables(), ['products', 'tags']);
    assert.deepEqual((await history()).map((r) => r.id), [A, B, C, D]);
  });

  test('up --dry-run prints SQL for the pending migrations and applies nothing', async () => {
    await migrator.down({ steps: 2, allowDestructive: true });
    events.length = 0;
    assert.deepEqual(await migrator.up({ dryRun: true }), { ids: [C, D], dryRun: true });
    const statements = events.flatMap((e) => (e.type === 'dry-run' ? e.statements : []));
    assert.match(statements.join('\n'), /ALTER TABLE "items" RENAME TO "products"/);
    assert.match(statements.join('\n'), /CREATE TABLE "tags"/);
    assert.deepEqual(await tables(), ['items']);
    assert.deepEqual((await history()).map((r) => r.id), [A, B]);
  });
});

describe('repair on SQLite', () => {
  test('accepts an edited applied file: the new checksum is recorded and up proceeds', async () => {
    const original = await write({ id: A, up: itemsTable, down: body.dropTable('items') });
    await migrator.up();
    const edited = await write({ id: A, up: itemsTable, down: body.dropTable('items'), trailer: '// reviewed: keep as is\n' });
    await write({ id: B, up: body.createTable('second'), down: body.dropTable('second') });
    await assert.rejects(migrator.up(), { code: 'TM_CHECKSUM_CHANGED' });
    assert.equal((await history())[0]!.checksum, sha256(original));
    assert.deepEqual(await migrator.repair(), [A]);
    assert.equal((await history())[0]!.checksum, sha256(edited));
    assert.deepEqual(await migrator.repair(), [], 'nothing left to repair');
    assert.deepEqual((await migrator.up()).ids, [B]);
    assert.deepEqual(await tables(), ['items', 'second']);
    await assert.rejects(migrator.repair('20250101_000000_unknown'), { code: 'TM_USAGE' });
  });

  test('repair ID only touches that migration', async () => {
    await write({ id: A, up: itemsTable, down: body.dropTable('items') });
    await write({ id: B, up: body.createTable('second'), down: body.dropTable('second') });
    await migrator.up();
    await write({ id: A, up: itemsTable, down: body.dropTable('items'), trailer: '// a\n' });
    const editedB = await write({ id: B, up: body.createTable('second'), down: body.dropTable('second'), trailer: '// b\n' });
    assert.deepEqual(await migrator.repair(B), [B]);
    assert.equal((await history())[1]!.checksum, sha256(editedB));
    assert.deepEqual((await migrator.status()).entries.map((e) => e.state), ['changed', 'applied']);
  });

  test('a failed migration is settled with resolve, never accepted by repair', async () => {
    await write({ id: A, up: `${itemsTable}\nawait db.execute('SELECT * FROM missing_table');`, down: body.dropTable('items') });
    await assert.rejects(migrator.up());
    assert.deepEqual(await migrator.repair(), [], 'an unnamed repair does not touch a failed migration');
    await assert.rejects(migrator.repair(A), (err: unknown) => isTidemarkError(err, 'TM_USAGE') && err.hint.includes(`migrate:resolve ${A}`));
    assert.equal((await history())[0]!.outcome, 'failed');
    await migrator.resolve(A, { applied: true });
    const [row] = await history();
    assert.deepEqual([row!.outcome, row!.steps, row!.error], ['applied', null, null]);
    assert.deepEqual((await migrator.status()).entries.map((e) => e.state), ['applied']);
    assert.deepEqual((await migrator.up()).ids, []);
  });
});
