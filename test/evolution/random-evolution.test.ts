// Seeded random evolution on every backend under test: random model edits, each diffed and
// applied to a real database holding rows. After every step the live schema equals the models'
// snapshot and no table lost a row; a step whose data does not fit (a precheck refuses it)
// leaves the database exactly as it was. At the end every step is rolled back, newest first,
// to an empty schema. The seed is printed; TIDEMARK_SEED=<n> replays a run and
// TIDEMARK_EVOLUTION_STEPS sets its length (300 by default; fewer on DynamoDB, whose index builds take real time).
import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import {
  applyOperations, buildSnapshot, comparableSnapshot, diffSnapshots, emptySnapshot, invertOperations, isTidemarkError,
  type SchemaOperation, type SchemaSnapshot,
} from '@tidemark/core';
import { backendsUnderTest, type TestDatabase } from '../backends/index.js';
import { seeded } from './random.js';
import { RandomModels } from './random-models.js';
import { insertRow } from './rows.js';

/** TIDEMARK_EVOLUTION_STEPS overrides the harness's own default (300 edits unless it says fewer). */
const stepsFor = (harness: { evolutionSteps?: number }): number => Number(process.env.TIDEMARK_EVOLUTION_STEPS ?? harness.evolutionSteps ?? 300);
// CI runs a fixed seed, so a red run always means a change broke something; locally every run
// explores a new one (printed, and named in any failure, for replay).
const SEED = Number(process.env.TIDEMARK_SEED ?? (process.env.CI ? 20261121 : Math.floor(Math.random() * 2 ** 31)));

/** A step refused part-way on a backend without transactional DDL: what had been applied was undone. */
class PartlyApplied extends Error {
  constructor(readonly cause: unknown, readonly undone: readonly SchemaOperation[]) {
    super('refused part-way', { cause });
  }
}

/**
 * One migration: under the lock, in one transaction where the backend has them. Without
 * transactional DDL (MySQL, MongoDB, DynamoDB) the operations before a refused one stay applied,
 * as they would for a user; the test then undoes them, as the user would (`migrate:status`
 * lists them), so that the step as a whole changed nothing.
 */
async function applyStep(db: TestDatabase, ops: readonly SchemaOperation[], before: SchemaSnapshot): Promise<void> {
  let done = 0;
  try {
    await db.connection.withLock(() => db.connection.transaction(async () => {
      for (const op of ops) { await db.connection.applier.apply(op); done++; }
    }));
  } catch (err) {
    if (db.connection.capabilities.transactionalDdl || done === 0) throw err;
    const applied = ops.slice(0, done);
    const undo = invertOperations(applied, before).map((i) => i.operation);
    await db.connection.withLock(async () => { for (const op of undo) await db.connection.applier.apply(op); });
    throw new PartlyApplied(err, applied);
  }
}

async function counts(db: TestDatabase, schema: SchemaSnapshot): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const t of schema.tables) out.set(t.name, await db.count(t.name));
  return out;
}

for (const { harness, skip } of await backendsUnderTest()) {
  const STEPS = stepsFor(harness);
  describe(`random evolution [${harness.name}]`, { skip: Boolean(skip) }, () => {
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
            await applyStep(db, ops, state);
          } catch (err) {
            const partly = err instanceof PartlyApplied ? err : undefined;
            const cause = partly ? partly.cause : err;
            if (!isTidemarkError(cause, 'TM_PRECHECK_FAILED')) {
              throw new Error(`${where(step, what)}: ${(cause as Error).message}\nops: ${JSON.stringify(ops)}`, { cause });
            }
            // refused for the data: nothing may have changed (or, without transactional DDL,
            // nothing once the applied part is undone; a dropped table comes back empty)
            refused++;
            models.models = previous;
            assert.deepStrictEqual(comparableSnapshot(await db.connection.introspect()), comparableSnapshot(state, harness.capabilities), `${where(step, what)}: a refused step changed the schema`);
            if (!partly?.undone.some((o) => o.kind === 'dropTable')) {
              assert.deepStrictEqual(await counts(db, state), before, `${where(step, what)}: a refused step changed the rows`);
            }
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
          await applyStep(db, invertOperations(ops, before).map((i) => i.operation), state);
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
