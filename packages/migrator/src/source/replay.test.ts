// replayMigrations / recordDown: the schema before and after each migration, and migrations
// that cannot be recorded are errors naming them (never internal errors).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { body, describe as describeOp, tempDir, type TempDir } from '../__fixtures__/harness.js';
import { loadMigration } from './load-migration.js';
import { readMigrationFiles } from './migration-file.js';
import { recordDown, replayMigrations } from './replay.js';

let tmp: TempDir;
beforeEach(async () => { tmp = await tempDir(); });
afterEach(async () => { await tmp.cleanup(); });

const A = '20250101_000000_a';
const B = '20250102_000000_b';

const replay = async () => replayMigrations(await readMigrationFiles(tmp.dir), loadMigration, 'sqlite');

describe('replayMigrations', () => {
  test('records each up in id order with the schema before and after it', async () => {
    await tmp.write({ id: B, up: `${body.createTable('b')}\nawait db.execute('UPDATE a SET name = 1');`, down: body.dropTable('b') });
    await tmp.write({ id: A, up: body.createTable('a'), down: body.dropTable('a') });
    const [a, b] = await replay();
    assert.equal(a!.file.id, A);
    assert.deepEqual(a!.operations.map(describeOp), ['createTable a']);
    assert.deepEqual(a!.before.tables.map((t) => t.name), []);
    assert.deepEqual(a!.after.tables.map((t) => t.name), ['a']);
    assert.deepEqual(b!.operations.map(describeOp), ['createTable b', 'execute UPDATE a SET name = 1']);
    assert.deepEqual(b!.before.tables.map((t) => t.name), ['a']);
    assert.deepEqual(b!.after.tables.map((t) => t.name), ['a', 'b']);
  });

  test('a step that does not fit the schema is TM_MIGRATION_INVALID naming the file', async () => {
    await tmp.write({ id: A, up: body.createTable('a'), down: body.dropTable('a') });
    await tmp.write({ id: B, up: body.dropTable('nope'), down: body.createTable('nope') });
    await assert.rejects(replay(), (err: unknown) => {
      assert.ok(isTidemarkError(err, 'TM_MIGRATION_INVALID'), String(err));
      assert.match(err.message, new RegExp(`${B}\\.ts`));
      assert.match(err.message, /nope/);
      return true;
    });
  });

  test('an up that uses a data step\'s result ends its recording there: the steps before are kept, the code after never runs', async () => {
    await tmp.write({ id: A, up: `${body.createTable('a')}\nconst rows = await db.execute('SELECT 1') as unknown[];\nif (rows.length > 5) return;\nthrow new Error('ran without a database');` });
    const [a] = await replay();
    assert.deepEqual(a!.operations.map(describeOp), ['createTable a', 'execute SELECT 1']);
    assert.equal(a!.recordingStopped, true);
    assert.deepEqual(a!.after.tables.map((t) => t.name), ['a']);
  });

  test('an up that throws before using any data step\'s result names the file', async () => {
    await tmp.write({ id: A, up: "await db.execute('SELECT 1');\nthrow new Error('boom');" });
    await assert.rejects(replay(), (err: unknown) => {
      assert.ok(isTidemarkError(err), `a TidemarkError, not ${String(err)}`);
      assert.equal(err.code, 'TM_MIGRATION_INVALID');
      assert.ok(err.message.includes(join(tmp.dir, `${A}.ts`)), err.message);
      assert.match(err.message, /boom/);
      assert.match(err.hint, /without a database/);
      return true;
    });
  });

  test('a down that throws while recorded names the migration', async () => {
    await tmp.write({ id: A, up: body.createTable('a'), down: "throw new Error('irreversible');" });
    const [a] = await replay();
    await assert.rejects(recordDown(a!.migration, 'sqlite'), (err: unknown) => {
      assert.ok(isTidemarkError(err), `a TidemarkError, not ${String(err)}`);
      assert.match(err.message, new RegExp(A));
      assert.match(err.message, /irreversible/);
      return true;
    });
  });
});
