// migrate:baseline on every live backend (issue 10): a schema made by hand with the database's
// own language and hand-written models of it → baseline → check --url is green → generate says
// "No changes" → an edit is generated and applied, and the catalog shows exactly that edit; a
// fresh database runs the baseline migration with `up`. One case, run per backend.
import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { excludeMatcher, findDrift } from '@tidemark/migrator';
import { backendsUnderTest } from '../../backends/index.js';
import { createProject } from '../../support/project.js';
import { HAND_SCHEMA, LIBRARY_MODELS, LIBRARY_MODELS_EDITED } from './hand-schema.js';

const withExclude = (url: string, exclude: readonly string[]) =>
  JSON.stringify({ models: ['models/**/*.ts'], migrations: 'migrations', url, exclude }, null, 2);

for (const { harness, skip } of await backendsUnderTest()) {
  const handSchema = HAND_SCHEMA[harness.name];
  const why = skip ?? (handSchema ? undefined : `no hand-made schema for ${harness.name} (no server on this machine)`);
  describe(`migrate:baseline on ${harness.name}`, { skip: Boolean(why) }, () => {
    test('hand-made schema → baseline → check → no changes → edit → up; a fresh database runs the baseline', async () => {
      const db = await harness.create();
      const fresh = await harness.create();
      const project = await createProject(db.url);
      try {
        await handSchema!(db);
        await project.write('models/library.ts', LIBRARY_MODELS);
        await project.write('tidemark.config.json', withExclude(db.url, ['legacy_*']));

        // the models declare an index the database lacks: refused with the difference, nothing written
        await project.write('models/library.ts', LIBRARY_MODELS_EDITED.replace('  @Index() isbn?: string | null;\n', '').replace('title!: string;', '@Index() title!: string;'));
        const refused = await project.run(['migrate:baseline']);
        assert.equal(refused.code, 3, refused.stderr);
        assert.match(refused.stderr, /TM_DRIFT.*does not match the models.*idx_books_title/s);
        assert.deepEqual(await project.migrations(), []);
        assert.equal((await db.connection.history.list()).length, 0);

        await project.write('models/library.ts', LIBRARY_MODELS);
        const baseline = await project.run(['migrate:baseline']);
        assert.equal(baseline.code, 0, baseline.stderr);
        const [first, ...others] = await project.migrations();
        assert.deepEqual(others, []);
        assert.match(first!, /^\d{8}_\d{6}_baseline\.ts$/);
        assert.match(baseline.stdout, /Recorded as applied \(not run\): \d{8}_\d{6}_baseline/);
        const history = await db.connection.history.list();
        assert.deepEqual(history.map((r) => [r.id, r.outcome]), [[first!.slice(0, -3), 'applied']]);

        const check = await project.run(['migrate:check', '--url', db.url]);
        assert.equal(check.code, 0, check.stderr);
        assert.match(check.stdout, /matches its 1 applied migration/);
        const noChanges = await project.run(['migrate:generate', '-m', 'nothing']);
        assert.equal(noChanges.code, 0, noChanges.stderr);
        assert.match(noChanges.stdout, /No changes/);

        const before = await db.connection.introspect();
        await project.write('models/library.ts', LIBRARY_MODELS_EDITED);
        const generated = await project.run(['migrate:generate', '-m', 'add isbn']);
        assert.equal(generated.code, 0, generated.stderr);
        const up = await project.run(['migrate:up']);
        assert.equal(up.code, 0, up.stderr);
        assert.match(up.stdout, /Applied 1 migration\(s\)/);
        const edit = await findDrift(before, await db.connection.introspect(), harness.capabilities);
        assert.deepEqual(edit.map((o) => (o.kind === 'addColumn' ? `addColumn ${o.table}.${o.column.name}` : o.kind === 'createIndex' ? `createIndex ${o.table}.${o.index.name}` : o.kind)).sort(),
          ['addColumn books.isbn', 'createIndex books.idx_books_isbn']);
        assert.equal((await project.run(['migrate:check', '--url', db.url])).code, 0);

        // a fresh database runs the baseline migration (and the edit) with `up`
        const upFresh = await project.run(['migrate:up', '--url', fresh.url]);
        assert.equal(upFresh.code, 0, upFresh.stderr);
        assert.match(upFresh.stdout, /Applied 2 migration\(s\)/);
        assert.deepEqual(await findDrift(await db.connection.introspect(), await fresh.connection.introspect(), harness.capabilities, excludeMatcher(['legacy_*'])), []);

        // migrate:fresh drops and rebuilds everything Tidemark manages, never the excluded table
        const rebuilt = await project.run(['migrate:fresh']);
        assert.equal(rebuilt.code, 0, rebuilt.stderr);
        assert.match(rebuilt.stdout, /kept the tables matching legacy_\*/);
        assert.ok((await db.tables()).includes('legacy_audit'), 'the excluded table is still there');
        assert.equal(await db.count('legacy_audit'), 1);
        assert.equal((await project.run(['migrate:check', '--url', db.url])).code, 0);
      } finally {
        await project.cleanup();
        await fresh.dispose();
        await db.dispose();
      }
    });
  });
}
