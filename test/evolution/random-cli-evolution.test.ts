// The whole user path under random edits, on SQLite: random models written as .ts files, read
// by the static reader, generated into migration files, loaded and applied by `migrate:up`.
// At each step the snapshot the static reader built equals the one built from the same models
// in memory, and the live database equals .schema.json; at the end `migrate:check` passes and
// `migrate:down` rolls everything back. Seeds as in random-evolution.test.ts.
import assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import Database from 'better-sqlite3';
import { buildSnapshot, comparableSnapshot, isTidemarkError, normalizeSnapshot, parseSnapshot } from '@tidemark/core';
import { sqliteBackend } from '@tidemark/sqlite';
import { createProject, type TempProject } from '../support/project.js';
import { modelSource } from './model-source.js';
import { seeded } from './random.js';
import { RandomModels } from './random-models.js';

const STEPS = Number(process.env.TIDEMARK_CLI_EVOLUTION_STEPS ?? 40);
const SEED = Number(process.env.TIDEMARK_SEED ?? (process.env.CI ? 20261121 : Math.floor(Math.random() * 2 ** 31)));

let project: TempProject;
beforeAll(async () => { project = await createProject(); });
afterAll(async () => { await project.cleanup(); });

async function writeModels(models: RandomModels): Promise<void> {
  await rm(join(project.dir, 'models'), { recursive: true, force: true });
  for (const m of models.models) await project.write(`models/${m.className}.ts`, modelSource(m));
}

/** What buildSnapshot says of the same models described in memory: a snapshot, or invalid. */
function expected(models: RandomModels): ReturnType<typeof buildSnapshot> | 'invalid' {
  try {
    return buildSnapshot(models.describe());
  } catch (err) {
    if (isTidemarkError(err, 'TM_MODEL_INVALID')) return 'invalid';
    throw err;
  }
}

test(`${STEPS} random model edits through generate and up, then down (seed ${SEED})`, async () => {
  console.log(`random CLI evolution: TIDEMARK_SEED=${SEED}`);
  const models = new RandomModels(seeded(SEED));
  const at = (step: number, what: string) => `seed ${SEED}, step ${step} (${what}); replay with TIDEMARK_SEED=${SEED}`;
  let generated = 0;
  for (let step = 1; step <= STEPS; step++) {
    const previous = models.clone();
    const what = models.edit();
    await writeModels(models);
    const want = expected(models);
    const gen = await project.run(['migrate:generate', '-m', `step ${step}`, '--no-rename']);
    if (want === 'invalid') {
      assert.equal(gen.code, 2, `${at(step, what)}: the static reader accepted models buildSnapshot refuses\n${gen.stdout}`);
      assert.match(gen.stderr, /TM_MODEL_INVALID/);
      models.models = previous;
      await writeModels(models);
      continue;
    }
    assert.equal(gen.code, 0, `${at(step, what)}: ${gen.stderr}`);
    const schema = parseSnapshot(await project.read('migrations/.schema.json'));
    assert.deepStrictEqual(schema, normalizeSnapshot(want.snapshot), `${at(step, what)}: the static reader and the in-memory description disagree`);
    models.forgetRenames();
    await writeModels(models);
    if (/No changes/.test(gen.stdout)) continue;
    generated++;
    const up = await project.run(['migrate:up', '--allow-destructive']);
    assert.equal(up.code, 0, `${at(step, what)}: ${up.stderr}`);
    const connection = await sqliteBackend.connect(`sqlite:${join(project.dir, 'app.db')}`);
    try {
      assert.deepStrictEqual(comparableSnapshot(await connection.introspect()), comparableSnapshot(schema), `${at(step, what)}: live schema differs from .schema.json`);
    } finally {
      await connection.close();
    }
  }
  assert.ok(generated > STEPS / 3, `only ${generated} of ${STEPS} steps generated a migration`);
  assert.equal((await project.migrations()).length, generated);
  const check = await project.run(['migrate:check', '--url', `sqlite:${join(project.dir, 'app.db')}`]);
  assert.equal(check.code, 0, `seed ${SEED}: migrate:check after the walk: ${check.stderr}`);

  const down = await project.run(['migrate:down', '--steps', String(generated), '--allow-destructive']);
  assert.equal(down.code, 0, `seed ${SEED}: ${down.stderr}`);
  const db = new Database(join(project.dir, 'app.db'));
  try {
    assert.deepStrictEqual(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all(), [{ name: '_tidemark_migrations' }]);
  } finally {
    db.close();
  }
  assert.ok((await readdir(join(project.dir, 'migrations'))).length > 0);
  console.log(`random CLI evolution: ${generated} migrations generated, applied and rolled back`);
});
