// loadMigration: a file must export its own id with up and down; a broken file is
// TM_MIGRATION_INVALID naming it; an edited file is loaded afresh, never from a cache.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { isTidemarkError, recordingContext } from '@tidemark/core';
import { describe as describeOp, tempDir, type TempDir } from '../__fixtures__/harness.js';
import { loadMigration } from './load-migration.js';
import { readMigrationFiles, type MigrationFile } from './migration-file.js';

let tmp: TempDir;
beforeEach(async () => { tmp = await tempDir(); });
afterEach(async () => { await tmp.cleanup(); });

async function fileOf(id: string): Promise<MigrationFile> {
  const file = (await readMigrationFiles(tmp.dir)).find((f) => f.id === id);
  assert.ok(file, `${id} was not read`);
  return file;
}

async function recordUp(file: MigrationFile): Promise<string[]> {
  const m = await loadMigration(file);
  const rec = recordingContext('sqlite');
  await m.up(rec.context);
  return rec.operations.map(describeOp);
}

function invalidNaming(path: string, problem: RegExp) {
  return (err: unknown) => {
    assert.ok(isTidemarkError(err, 'TM_MIGRATION_INVALID'), `expected TM_MIGRATION_INVALID, got ${String(err)}`);
    assert.ok(err.message.includes(path), `message names the file: ${err.message}`);
    assert.match(err.message, problem);
    assert.equal(err.details.file, path);
    return true;
  };
}

describe('loadMigration', () => {
  test('loads a hand-written file: its id, up and down run against a context', async () => {
    const id = '20250101_000000_users';
    await tmp.write({ id, up: "await db.createTable({ name: 'users', primaryKey: ['id'], columns: [{ name: 'id', type: 'i32' }] });", down: "await db.dropTable('users');" });
    const m = await loadMigration(await fileOf(id));
    assert.equal(m.id, id);
    const rec = recordingContext('sqlite');
    await m.up(rec.context);
    await m.down(rec.context);
    assert.deepEqual(rec.operations.map(describeOp), ['createTable users', 'dropTable users']);
  });

  test('a file whose declared id differs from its name names both', async () => {
    const id = '20250101_000000_users';
    await tmp.write({ id, declaredId: '20250101_000000_people' });
    const file = await fileOf(id);
    await assert.rejects(loadMigration(file), invalidNaming(join(tmp.dir, `${id}.ts`), /20250101_000000_people/));
  });

  test('a file without down is invalid', async () => {
    const id = '20250101_000000_no_down';
    await tmp.write({ id, down: null });
    await assert.rejects(loadMigration(await fileOf(id)), invalidNaming(join(tmp.dir, `${id}.ts`), /down/));
  });

  test('a file without a default export is invalid', async () => {
    const id = '20250101_000000_no_default';
    await tmp.writeRaw(`${id}.ts`, "export const migration = { id: '20250101_000000_no_default' };\n");
    await assert.rejects(loadMigration(await fileOf(id)), invalidNaming(join(tmp.dir, `${id}.ts`), /default export/));
  });

  test('a syntax error is TM_MIGRATION_INVALID naming the file', async () => {
    const id = '20250101_000000_broken';
    await tmp.writeRaw(`${id}.ts`, "import { defineMigration } from '@tidemark/core';\nexport default defineMigration({ id: '20250101_000000_broken', async up(db) { await db.execute('x' }, async down() {} });\n");
    await assert.rejects(loadMigration(await fileOf(id)), invalidNaming(join(tmp.dir, `${id}.ts`), /cannot be loaded/));
  });

  test('a file that throws while loading is TM_MIGRATION_INVALID naming the file', async () => {
    const id = '20250101_000000_throws';
    await tmp.writeRaw(`${id}.ts`, "throw new Error('kaboom at load');\nexport default {};\n");
    await assert.rejects(loadMigration(await fileOf(id)), invalidNaming(join(tmp.dir, `${id}.ts`), /kaboom at load/));
  });

  test('an edited file is reloaded, not served stale from the module cache', async () => {
    const id = '20250101_000000_edit';
    await tmp.write({ id, up: "await db.execute('SELECT 1');" });
    assert.deepEqual(await recordUp(await fileOf(id)), ['execute SELECT 1']);
    await tmp.write({ id, up: "await db.execute('SELECT 2');\nawait db.execute('SELECT 3');" });
    assert.deepEqual(await recordUp(await fileOf(id)), ['execute SELECT 2', 'execute SELECT 3']);
    // and an edit that breaks it is seen too
    await tmp.write({ id, declaredId: '20250101_000000_other', up: "await db.execute('SELECT 4');" });
    await assert.rejects(loadMigration(await fileOf(id)), { code: 'TM_MIGRATION_INVALID' });
    await tmp.write({ id, up: "await db.execute('SELECT 5');" });
    assert.deepEqual(await recordUp(await fileOf(id)), ['execute SELECT 5']);
  });

  test('a fixed syntax error is loaded after the fix', async () => {
    const id = '20250101_000000_fixme';
    await tmp.writeRaw(`${id}.ts`, "import { defineMigration } from '@tidemark/core';\nexport default defineMigration({ id: '20250101_000000_fixme', async up(db) { await db.execute('x' }, async down() {} });\n");
    await assert.rejects(loadMigration(await fileOf(id)), { code: 'TM_MIGRATION_INVALID' });
    await tmp.write({ id, up: "await db.execute('SELECT 6');" });
    assert.deepEqual(await recordUp(await fileOf(id)), ['execute SELECT 6']);
  });
});
