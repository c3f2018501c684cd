// Seeded random evolution on every backend under test: random model edits, each diffed and
// applied to a real database holding rows. After every step the live schema equals the models'
// snapshot and no table lost a row; a step whose data does not fit (a precheck refuses it)
// leaves the database exactly as it was. At the end every step is rolled back, newest first,
// to an empty schema. The seed is printed; TIDEMARK_SEED=<n> replays a run and
// TIDEMARK_EVOLUTION_STEPS sets its length (150 by default).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  applyOperations, buildSnapshot, comparableSnapshot, diffSnapshots, emptySnapshot, invertOperations, isTidemarkError,
  type SchemaOperation, type SchemaSnapshot,
} from '@tidemark/core';
import { backendsUnderTest, type TestDatabase } from '../backends/index.js';
import { seeded } from './random.js';
import { RandomModels } from './random-models.js';
import { insertRow } from './rows.js';

const STEPS = Number(process.env.TIDEMARK_EVOLUTION_STEPS ?? 150);
// CI runs a fixed seed, so a red run always means a change broke something; locally every run
// explores a new one (printed, and named in any failure, for replay).
const SEED = Number(process.env.TIDEMARK_SEED ?? (process.env.CI ? 20261121 : Math.floor(Math.random() * 2 ** 31)));

async function applyStep(db: TestDatabase, ops: readonly SchemaOperation[]): Promise<void> {
  // one migration: under the lock, in one transaction where the backend has them
  await db.connection.withLock(() => db.connection.transaction(async () => {
    for (const op of ops) await db.connection.applier.apply(op);
  }));
}

async function counts(db: TestDatabase, schema: SchemaSnapshot): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const t of schema.tables) out.set(t.name, await db.count(t.name));
  return out;
}

for (const { harness, skip } of await backendsUnderTest()) {
  describe(`random evolution [${harness.name}]`, { skip }, () => {
    test(`${STEPS} random model edits, applied with rows, then rolled back (seed ${SEED})`, async () => {
      console.log(`random evolution on ${harness.name}: TIDEMARK_SEED=${SEED}`);
      const db = await harness.create();
      const models = new RandomModels(seeded(SEED), harness.capabilities);
      let state = emptySnapshot();
      const applied: { before: SchemaSnapshot; ops: readonly SchemaOperation[] }[] = [];
      let refused = 0;
      const where = (step: number, what: string) => `seed ${SEED}, step ${step} (${what}); replay with TIDEMARK_SEED=${SEED}`;
      try {
        for (let step = 1; step <= STEPS; step++) {
          const previous = models.clone();
          const what = models.edit();
          let next: ReturnType<typeof buildSnapshot>;
          try {
            next = buildSnapshot(models.describe());
          } catch (err) {
            // an edit the models do not allow (e.g. a relation to a composite key): undo it
            if (!isTidemarkError(err, 'TM_MODEL_INVALID')) throw err;
            models.models = previous;
            continue;
          }
          const ops = await diffSnapshots(state, next.snapshot, { hints: next.hints, renames: { mode: 'none' } });
          if (ops.length === 0) continue;
          const before = await counts(db, state);
          try {
            await applyStep(db, ops);
          } catch (err) {
            if (!isTidemarkError(err, 'TM_PRECHECK_FAILED')) {
              throw new Error(`${where(step, what)}: ${(err as Error).message}\nops: ${JSON.stringify(ops)}`, { cause: err });
            }
            // refused for the data: nothing may have changed
            refused++;
            models.models = previous;
            assert.deepStrictEqual(comparableSnapshot(await db.connection.introspect()), comparableSnapshot(state, harness.capabilities), `${where(step, what)}: a refused step changed the schema`);
            assert.deepStrictEqual(await counts(db, state), before, `${where(step, what)}: a refused step changed the rows`);
            continue;
          }
          applied.push({ before: state, ops });
          state = applyOperations(state, ops);
          models.forgetRenames();
          assert.deepStrictEqual(comparableSnapshot(await db.connection.introspect()), comparableSnapshot(next.snapshot, harness.capabilities), `${where(step, what)}: live schema differs from the models`);
          // no surviving table lost a row (tables are followed through renames)
          const renamed = new Map(ops.filter((o) => o.kind === 'renameTable').map((o) => [o.from, o.to]));
          for (const [table, n] of before) {
            const now = renamed.get(table) ?? table;
            if (state.tables.some((t) => t.name === now)) assert.equal(await db.count(now), n, `${where(step, what)}: ${now} lost rows`);
          }
          for (const t of state.tables) await insertRow(db, t);
        }
        assert.ok(applied.length > STEPS / 3, `only ${applied.length} of ${STEPS} steps changed the schema (${refused} refused)`);

        // roll everything back, newest first, on empty tables (old types need not hold new data)
        await db.clear(state.tables.map((t) => t.name));
        for (const { before, ops } of applied.reverse()) {
          await applyStep(db, invertOperations(ops, before).map((i) => i.operation));
          assert.deepStrictEqual(comparableSnapshot(await db.connection.introspect()), comparableSnapshot(before, harness.capabilities), `seed ${SEED}: rolling back gave another schema`);
        }
        assert.deepStrictEqual((await db.connection.introspect()).tables, []);
        console.log(`random evolution on ${harness.name}: ${applied.length} steps applied, ${refused} refused by prechecks, all rolled back`);
      } finally {
        await db.dispose();
      }
    });
  });
}
