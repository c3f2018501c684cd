// Hand-written data migrations through the CLI, on every live backend: a migration that reads rows
// and loops over them, writing a file for each (a side effect outside the database), applies once
// and correctly; the dry run and status still show the recorded steps; a schema step after the
// read is refused with the fix. docs/architecture.md, "Recording", is the rule.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import type { Dialect } from '@tidemark/core';
import { backendsUnderTest } from '../backends/index.js';
import { describeRun, ensureBin, runBin } from '../support/cli-process.js';
import { runThenCleanUp } from '../support/cleanup.js';
import { createProject } from '../support/project.js';

const CREATE = '20250101_000000_create_items';
const LABEL = '20250102_000000_label_items';
const LATE = '20250103_000000_late_schema_step';

/** How each backend reads every row of `items` natively, as `{ id, name }`. */
function readRows(dialect: Dialect): string {
  if (dialect === 'dynamodb') {
    return "((await db.execute({ command: 'Scan', input: { TableName: 'items', ConsistentRead: true } })) as { Items: { id: { N: string }; name: { S: string } }[] }).Items.map((i) => ({ id: Number(i.id.N), name: i.name.S })).sort((a, b) => a.id - b.id)";
  }
  return "(await db.execute('SELECT id, name FROM items ORDER BY id')) as { id: number; name: string }[]";
}

function labelMigration(dialect: Dialect): string {
  return `import { appendFileSync } from 'node:fs';
import { defineMigration } from '@tidemark/core';

export default defineMigration({
  id: '${LABEL}',
  async up(db) {
    for (const row of ${readRows(dialect)}) {
      appendFileSync(process.env.SIDE_EFFECTS!, \`\${row.id}\\n\`);
      await db.update('items', { label: \`hello \${row.name}\` }, { id: Number(row.id) });
    }
  },
  async down(db) {
    await db.update('items', { label: null }, {});
  },
});
`;
}

const createMigration = `import { defineMigration } from '@tidemark/core';

export default defineMigration({
  id: '${CREATE}',
  async up(db) {
    await db.createTable({ name: 'items', columns: [{ name: 'id', type: 'i32' }, { name: 'name', type: 'string', length: 40 }, { name: 'label', type: 'string', length: 80, nullable: true }], primaryKey: ['id'] });
  },
  async down(db) {
    await db.dropTable('items');
  },
});
`;

function lateMigration(dialect: Dialect): string {
  return `import { defineMigration } from '@tidemark/core';

export default defineMigration({
  id: '${LATE}',
  async up(db) {
    const rows = ${readRows(dialect)};
    if (rows.length > 0) await db.addColumn('items', { name: 'extra', type: 'string', length: 10, nullable: true });
  },
  async down(db) {
    await db.dropColumn('items', 'extra');
  },
});
`;
}

for (const { harness, skip } of await backendsUnderTest()) {
  describe(`data migrations [${harness.name}]`, { skip: Boolean(skip) }, () => {
    test('a migration that reads rows and loops over them applies once; status and the dry run still list it', { timeout: 240_000 }, async () => {
      ensureBin();
      const db = await harness.create();
      const project = await createProject(db.url);
      await runThenCleanUp(async () => {
        const sideEffects = join(project.dir, 'side-effects.txt');
        const env = { SIDE_EFFECTS: sideEffects };
        await project.write(`migrations/${CREATE}.ts`, createMigration);
        await project.write(`migrations/${LABEL}.ts`, labelMigration(harness.name));
        const first = await runBin(project.dir, ['migrate:up', '--to', CREATE], env);
        assert.equal(first.code, 0, describeRun(['migrate:up'], first));
        await db.insert('items', [{ id: 1, name: 'Ada' }, { id: 2, name: 'Brian' }, { id: 3, name: 'Cleo' }]);

        // the dry run records the migration without a database: the read is shown, the loop never runs
        const dry = await runBin(project.dir, ['migrate:up', '--dry-run'], env);
        assert.equal(dry.code, 0, describeRun(['migrate:up', '--dry-run'], dry));
        assert.match(dry.stdout, new RegExp(LABEL));
        await assert.rejects(readFile(sideEffects, 'utf8'), /ENOENT/, 'nothing ran while the migration was recorded');

        const up = await runBin(project.dir, ['migrate:up'], env);
        assert.equal(up.code, 0, describeRun(['migrate:up'], up));
        assert.equal(await readFile(sideEffects, 'utf8'), '1\n2\n3\n', 'the loop ran once, over every row');
        assert.deepStrictEqual(await db.select('items', ['id', 'label'], 'id'), [
          { id: 1, label: 'hello Ada' }, { id: 2, label: 'hello Brian' }, { id: 3, label: 'hello Cleo' },
        ]);

        // status replays every migration (recording again): still no second run of the loop
        const status = await runBin(project.dir, ['migrate:status', '--json'], env);
        assert.equal(status.code, 0, describeRun(['migrate:status'], status));
        assert.match(status.stdout, new RegExp(`"${LABEL}"`));
        assert.equal(await readFile(sideEffects, 'utf8'), '1\n2\n3\n');

        // down runs the data steps of `down`
        const down = await runBin(project.dir, ['migrate:down'], env);
        assert.equal(down.code, 0, describeRun(['migrate:down'], down));
        assert.deepStrictEqual((await db.select('items', ['id', 'label'], 'id')).map((r) => r.label), [null, null, null]);

        // a schema step after the read cannot be recorded: refused, naming the fix
        await project.write(`migrations/${LABEL}.ts`, labelMigration(harness.name));
        await project.write(`migrations/${LATE}.ts`, lateMigration(harness.name));
        const late = await runBin(project.dir, ['migrate:up'], env);
        assert.notEqual(late.code, 0, describeRun(['migrate:up'], late));
        assert.match(late.stderr, /TM_MIGRATION_INVALID/);
        assert.match(late.stderr, /addColumn comes after the migration used the result of a data step/);
      }, async () => { await project.cleanup(); await db.dispose(); });
    });
  });
}
