// A back-fill killed (SIGKILL) part-way resumes: `migrate:up` decides from the schema that the
// interrupted step changes no schema and runs it again, and the back-fill only writes the rows
// still to do. A trigger counts every write: at the end each row was written exactly once over
// both runs, so the rerun touched none of the rows the killed run had finished.
// On PostgreSQL and MySQL, where a migration with `transaction: false` commits batch by batch;
// SQLite holds one write transaction for the whole run (its lock), so a kill there leaves nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import type { Dialect } from '@tidemark/core';
import { backendsUnderTest } from '../backends/index.js';
import type { TestDatabase } from '../backends/harness.js';
import { describeRun, ensureBin, runBin, startBin } from '../support/cli-process.js';
import { runThenCleanUp } from '../support/cleanup.js';
import { createProject } from '../support/project.js';

const ROWS = 4000;
const CREATE = '20250101_000000_create_items';
const FILL = '20250102_000000_fill_slugs';

/** A table the migrations do not know and a trigger that logs every write of `slug` into it. */
const COUNT_WRITES: Partial<Record<Dialect, string[]>> = {
  postgres: [
    'CREATE TABLE writes (id integer NOT NULL)',
    'CREATE FUNCTION count_writes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO writes VALUES (NEW.id); RETURN NEW; END $$',
    'CREATE TRIGGER count_writes AFTER UPDATE OF slug ON items FOR EACH ROW EXECUTE FUNCTION count_writes()',
  ],
  mysql: [
    'CREATE TABLE writes (id INT NOT NULL)',
    'CREATE TRIGGER count_writes AFTER UPDATE ON items FOR EACH ROW INSERT INTO writes VALUES (NEW.id)',
  ],
};

async function sql(db: TestDatabase, statement: string): Promise<Record<string, unknown>[]> {
  return (await db.connection.applier.execute(statement)) as Record<string, unknown>[];
}

async function readWrites(db: TestDatabase): Promise<{ writes: number; distinct: number; filled: number }> {
  const [w] = await sql(db, 'SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d FROM writes');
  const [f] = await sql(db, 'SELECT COUNT(*) AS n FROM items WHERE slug = lower(name)');
  return { writes: Number(w!.n), distinct: Number(w!.d), filled: Number(f!.n) };
}

for (const { harness, skip } of await backendsUnderTest()) {
  const setup = COUNT_WRITES[harness.name];
  if (!setup) continue;
  describe(`back-fill resume [${harness.name}]`, { skip: Boolean(skip) }, () => {
    test('a back-fill killed part-way resumes with migrate:up and writes each row once in all', { timeout: 180_000 }, async () => {
      ensureBin();
      const db = await harness.create();
      const project = await createProject(db.url);
      await runThenCleanUp(async () => {
        await project.write(`migrations/${CREATE}.ts`, `import { defineMigration } from '@tidemark/core';
export default defineMigration({
  id: '${CREATE}',
  async up(db) {
    await db.createTable({ name: 'items', columns: [{ name: 'id', type: 'i32' }, { name: 'name', type: 'string', length: 40 }, { name: 'slug', type: 'string', length: 40, nullable: true }], primaryKey: ['id'] });
  },
  async down(db) { await db.dropTable('items'); },
});
`);
        // outside a transaction, each batch commits on its own: what a long back-fill in production does
        await project.write(`migrations/${FILL}.ts`, `import { defineMigration } from '@tidemark/core';
export default defineMigration({
  id: '${FILL}',
  transaction: false,
  async up(db) {
    await db.backfill('items', (row) => ({ slug: String(row.name).toLowerCase() }), { batchSize: 100, pauseMs: 40 });
  },
  async down(db) { await db.update('items', { slug: null }, {}); },
});
`);
        const created = await runBin(project.dir, ['migrate:up', '--to', CREATE]);
        assert.equal(created.code, 0, describeRun(['migrate:up'], created));
        for (const statement of setup) await sql(db, statement);
        for (let i = 0; i < ROWS; i += 500) {
          await db.insert('items', Array.from({ length: 500 }, (_, k) => ({ id: i + k + 1, name: `Name ${i + k + 1}` })));
        }

        const run = startBin(project.dir, ['migrate:up']);
        await run.printed(`backfill on items: 1000 of ${ROWS}`);
        run.child.kill('SIGKILL');
        const killed = await run.done;
        assert.equal(killed.signal, 'SIGKILL', describeRun(['migrate:up'], killed));
        const partial = await readWrites(db);
        assert.ok(partial.writes >= 1000 && partial.writes < ROWS, `the kill landed mid-way: ${JSON.stringify(partial)}\n${describeRun(['migrate:up'], killed)}`);
        assert.equal(partial.distinct, partial.writes);

        // the killed run left its record saying it was in the back-fill
        const before = await runBin(project.dir, ['migrate:status', '--json']);
        const entry = (JSON.parse(before.stdout) as { entries: { id: string; state: string; stepsApplied?: number }[] }).entries.find((e) => e.id === FILL);
        assert.equal(entry?.state, 'running', before.stdout);

        const resumed = await runBin(project.dir, ['migrate:up']);
        assert.equal(resumed.code, 0, describeRun(['migrate:up'], resumed));
        assert.deepStrictEqual(await readWrites(db), { writes: ROWS, distinct: ROWS, filled: ROWS }, 'every row filled, each written exactly once over both runs');

        const status = await runBin(project.dir, ['migrate:status', '--json']);
        assert.doesNotMatch(status.stdout, /"running"|"failed"/, status.stdout);
      }, async () => { await project.cleanup(); await db.dispose(); });
    });
  });
}
