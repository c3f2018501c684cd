// Rebuilding .schema.json from the migration files, and taking back the newest migration
// (issue 10), on every live backend, with databases at three points of the history: none
// applied, some applied (not the newest), all applied (the newest too: discard is refused).
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { backendsUnderTest } from '../../backends/index.js';
import { createProject } from '../../support/project.js';
import { LIBRARY_MODELS } from './hand-schema.js';

const V2 = LIBRARY_MODELS.replace('  pages?: number | null;\n', '  pages?: number | null;\n  isbn?: string | null;\n');
const V3 = V2.replace('  bio?: string | null;\n', '  bio?: string | null;\n  born?: number | null;\n');
const V3B = V2.replace('  bio?: string | null;\n', '  bio?: string | null;\n  birthYear?: number | null;\n');

for (const { harness, skip } of await backendsUnderTest()) {
  describe(`migrate:snapshot --rebuild and migrate:discard on ${harness.name}`, { skip: Boolean(skip) }, () => {
    test('three points of the history', async () => {
      const none = await harness.create();
      const some = await harness.create();
      const all = await harness.create();
      const project = await createProject(none.url);
      try {
        const snapshots: string[] = [];
        for (const [models, message] of [[LIBRARY_MODELS, 'create library'], [V2, 'add isbn'], [V3, 'add born']] as const) {
          await project.write('models/library.ts', models);
          assert.equal((await project.run(['migrate:generate', '-m', message])).code, 0);
          snapshots.push(await project.read('migrations/.schema.json'));
        }
        const [, m2, m3] = (await project.migrations()).map((f) => f.slice(0, -3));
        assert.equal((await project.run(['migrate:up', '--to', m2!, '--url', some.url])).code, 0);
        assert.equal((await project.run(['migrate:up', '--url', all.url])).code, 0);

        // a deleted snapshot: generate names the way out, --rebuild writes exactly what generate wrote
        await project.remove('migrations/.schema.json');
        const stopped = await project.run(['migrate:generate', '-m', 'x']);
        assert.equal(stopped.code, 2);
        assert.match(stopped.stderr, /TM_SNAPSHOT_INVALID[\s\S]*migrate:snapshot --rebuild/);
        const rebuilt = await project.run(['migrate:snapshot', '--rebuild']);
        assert.equal(rebuilt.code, 0, rebuilt.stderr);
        assert.match(rebuilt.stdout, /Rebuilt migrations\/\.schema\.json from 3 migration\(s\)/);
        assert.equal(await project.read('migrations/.schema.json'), snapshots[2]);
        // a wrong one (merged from another branch): check reports it, --rebuild replaces it
        await project.write('migrations/.schema.json', snapshots[0]!);
        const drifted = await project.run(['migrate:snapshot']);
        assert.equal(drifted.code, 3);
        assert.match(drifted.stderr, /TM_SNAPSHOT_DRIFT[\s\S]*--rebuild/);
        assert.equal((await project.run(['migrate:snapshot', '--rebuild'])).code, 0);
        assert.equal(await project.read('migrations/.schema.json'), snapshots[2]);
        const again = await project.run(['migrate:snapshot', '--rebuild']);
        assert.match(again.stdout, /nothing was written/);
        for (const db of [none, some, all]) {
          const status = await project.run(['migrate:status', '--url', db.url]);
          assert.equal(status.code, 0, status.stderr);
        }
        assert.equal((await project.run(['migrate:check', '--url', all.url])).code, 0);

        // discard: refused where the newest is applied, nothing changed
        const listing = async () => (await readdir(join(project.dir, 'migrations'))).sort();
        const before = await listing();
        const refused = await project.run(['migrate:discard', '--url', all.url]);
        assert.equal(refused.code, 3, refused.stderr);
        assert.match(refused.stderr, new RegExp(`TM_ALREADY_APPLIED: ${m3} is applied on[\\s\\S]*migrate:down`));
        assert.deepEqual(await listing(), before);
        assert.equal(await project.read('migrations/.schema.json'), snapshots[2]);

        // where it has not been applied (some: m1 and m2 are), file and snapshot go back together
        const discarded = await project.run(['migrate:discard', '--url', some.url]);
        assert.equal(discarded.code, 0, discarded.stderr);
        assert.deepEqual(await listing(), before.filter((f) => f !== `${m3}.ts`));
        assert.equal(await project.read('migrations/.schema.json'), snapshots[1], '.schema.json is byte for byte what it was before the discarded migration');

        // edit the models again, generate, and both databases go on
        await project.write('models/library.ts', V3B);
        const generated = await project.run(['migrate:generate', '-m', 'add birth year']);
        assert.equal(generated.code, 0, generated.stderr);
        assert.match(generated.stdout, /\+ column authors\.birth_year/);
        for (const db of [some, none]) {
          const up = await project.run(['migrate:up', '--url', db.url]);
          assert.equal(up.code, 0, up.stderr);
          assert.equal((await project.run(['migrate:check', '--url', db.url])).code, 0);
          const authors = (await db.connection.introspect()).tables.find((t) => t.name === 'authors')!;
          assert.deepEqual(authors.columns.map((c) => c.name).sort(), ['bio', 'birth_year', 'id', 'name']);
        }
      } finally {
        await project.cleanup();
        await Promise.all([none.dispose(), some.dispose(), all.dispose()]);
      }
    });
  });
}

describe('migrate:discard without a database, and with nothing to discard', () => {
  test('the last migration goes with .schema.json; an empty folder is bad input', async () => {
    const project = await createProject('sqlite:app.db');
    try {
      await project.write('tidemark.config.json', JSON.stringify({ models: ['models/**/*.ts'], migrations: 'migrations' }));
      await project.write('models/library.ts', LIBRARY_MODELS);
      assert.equal((await project.run(['migrate:generate', '-m', 'create'])).code, 0);
      const discarded = await project.run(['migrate:discard']);
      assert.equal(discarded.code, 0, discarded.stderr);
      assert.match(discarded.stdout, /no database was asked/);
      assert.deepEqual(await readdir(join(project.dir, 'migrations')), []);
      const nothing = await project.run(['migrate:discard']);
      assert.equal(nothing.code, 2);
      assert.match(nothing.stderr, /nothing to discard/);
      assert.equal((await project.run(['migrate:generate', '-m', 'create'])).code, 0);
    } finally {
      await project.cleanup();
    }
  });
});
