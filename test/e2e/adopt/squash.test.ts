// migrate:squash on every live backend (issue 10), with databases at three points of the history:
// none applied (runs the squashed migration), some applied (refused with how to catch up, and
// catching up that way works), all applied (counts the squashed migration as applied).
import assert from 'node:assert/strict';
import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { findDrift } from '@tidemark/migrator';
import { backendsUnderTest } from '../../backends/index.js';
import { createProject, type TempProject } from '../../support/project.js';
import { LIBRARY_MODELS } from './hand-schema.js';

const V2 = LIBRARY_MODELS.replace('  pages?: number | null;\n', '  pages?: number | null;\n  isbn?: string | null;\n');
const V3 = V2.replace('  isbn?: string | null;', '  @Index() isbn?: string | null;');
const V4 = V3.replace('  bio?: string | null;\n', '  bio?: string | null;\n  born?: number | null;\n');

/** Generates the four-migration history of the library models; returns the ids. */
async function history(project: TempProject): Promise<string[]> {
  for (const [models, message] of [[LIBRARY_MODELS, 'create library'], [V2, 'add isbn'], [V3, 'index isbn'], [V4, 'add born']] as const) {
    await project.write('models/library.ts', models);
    const r = await project.run(['migrate:generate', '-m', message]);
    assert.equal(r.code, 0, r.stderr);
  }
  return (await project.migrations()).map((f) => f.slice(0, -3));
}

for (const { harness, skip } of await backendsUnderTest()) {
  describe(`migrate:squash on ${harness.name}`, { skip: Boolean(skip) }, () => {
    test('none, some and all of the run applied', async () => {
      const none = await harness.create();
      const some = await harness.create();
      const all = await harness.create();
      const project = await createProject(none.url);
      const beforeSquash = await createProject(none.url);
      try {
        const [m1, m2, m3, m4] = await history(project);
        const upTo = async (url: string, id: string) => assert.equal((await project.run(['migrate:up', '--to', id, '--url', url])).code, 0);
        await upTo(some.url, m2!);
        await upTo(all.url, m3!);
        // the checkout from before the squash, for the database that must catch up
        await cp(join(project.dir, 'migrations'), join(beforeSquash.dir, 'migrations'), { recursive: true });
        const schemaFile = await project.read('migrations/.schema.json');

        const squash = await project.run(['migrate:squash', '--to', m3!]);
        assert.equal(squash.code, 0, squash.stderr);
        const files = await project.migrations();
        assert.equal(files.length, 2);
        const squashed = files[0]!.slice(0, -3);
        assert.equal(squashed, `${m3!.slice(0, 15)}_squashed_3_migrations`);
        assert.equal(files[1], `${m4}.ts`);
        const text = await project.read(`migrations/${files[0]}`);
        assert.match(text, new RegExp(`^// tidemark: from sha256:[0-9a-f]{64} to sha256:[0-9a-f]{64}\\n// tidemark: replaces ${m1} ${m2} ${m3}\\n`));
        assert.equal(await project.read('migrations/.schema.json'), schemaFile, '.schema.json is untouched');
        assert.match(text, /await db\.createTable\(\{\n\s+name: 'books'/);
        assert.doesNotMatch(text, /addColumn|createIndex\('books'/, 'the run from an empty schema becomes the tables as they end');
        const generate = await project.run(['migrate:generate', '-m', 'nothing']);
        assert.match(generate.stdout, /No changes/, generate.stderr);

        // none applied: the squashed migration runs, then the rest
        const upNone = await project.run(['migrate:up', '--url', none.url]);
        assert.equal(upNone.code, 0, upNone.stderr);
        assert.match(upNone.stdout, new RegExp(`Applied: ${squashed}[\\s\\S]*Applied: ${m4}`));

        // all applied: counted as applied, only m4 runs; the history is folded for good
        const upAll = await project.run(['migrate:up', '--url', all.url]);
        assert.equal(upAll.code, 0, upAll.stderr);
        assert.doesNotMatch(upAll.stdout, new RegExp(`Applying migration: ${squashed}`));
        assert.match(upAll.stdout, new RegExp(`Applied: ${m4}`));
        assert.deepEqual((await all.connection.history.list()).map((r) => r.id), [squashed, m4]);
        assert.deepEqual(await findDrift(await none.connection.introspect(), await all.connection.introspect(), harness.capabilities), []);
        assert.equal((await project.run(['migrate:check', '--url', all.url])).code, 0);

        // some applied: refused, nothing changed, told exactly what to do
        const refused = await project.run(['migrate:up', '--url', some.url]);
        assert.equal(refused.code, 3, refused.stderr);
        assert.match(refused.stderr, new RegExp(`TM_SQUASH_PARTIAL.*has ${m1}, ${m2} of them but not ${m3}`));
        assert.match(refused.stderr, new RegExp(`migrate:up --to ${m3}`));
        assert.deepEqual((await some.connection.history.list()).map((r) => r.id), [m1, m2]);
        const status = await project.run(['migrate:status', '--url', some.url]);
        assert.equal(status.code, 3);
        assert.match(status.stdout, new RegExp(`${m1}.*squashed into ${squashed}`));
        assert.match(status.stdout, new RegExp(`${squashed}.*bring it to ${m3}`));
        // doing what it says: the old files bring it to m3, then the squashed history goes on
        const catchUp = await beforeSquash.run(['migrate:up', '--to', m3!, '--url', some.url]);
        assert.equal(catchUp.code, 0, catchUp.stderr);
        const upSome = await project.run(['migrate:up', '--url', some.url]);
        assert.equal(upSome.code, 0, upSome.stderr);
        assert.deepEqual((await some.connection.history.list()).map((r) => r.id), [squashed, m4]);
        assert.deepEqual(await findDrift(await none.connection.introspect(), await some.connection.introspect(), harness.capabilities), []);

        // the squashed migration rolls back like any other
        const down = await project.run(['migrate:down', '--steps', '2', '--allow-destructive', '--url', all.url]);
        assert.equal(down.code, 0, down.stderr);
        assert.deepEqual((await all.connection.introspect()).tables, []);
        assert.deepEqual(await all.connection.history.list(), []);
      } finally {
        await Promise.all([project.cleanup(), beforeSquash.cleanup()]);
        await Promise.all([none.dispose(), some.dispose(), all.dispose()]);
      }
    });
  });
}

describe('migrate:squash refuses what it cannot reproduce', () => {
  test('a native statement in the run, a bad range; nothing is written', async () => {
    const project = await createProject('sqlite:app.db');
    try {
      await project.write('models/library.ts', LIBRARY_MODELS);
      assert.equal((await project.run(['migrate:generate', '-m', 'create'])).code, 0);
      const blank = await project.run(['migrate:generate', '-m', 'seed', '--empty']);
      assert.equal(blank.code, 0);
      const [create, seed] = (await project.migrations()).map((f) => f.slice(0, -3));
      const seedFile = `migrations/${seed}.ts`;
      await project.write(seedFile, (await project.read(seedFile)).replace(/\/\/ Write the change here.*/, "await db.execute(\"INSERT INTO authors (id, name) VALUES (1, 'ada')\");"));
      await project.write('models/library.ts', V2);
      assert.equal((await project.run(['migrate:generate', '-m', 'add isbn'])).code, 0);
      const listing = async () => (await readdir(join(project.dir, 'migrations'))).sort();
      const beforeFiles = await listing();

      const native = await project.run(['migrate:squash', '--to', seed!]);
      assert.equal(native.code, 2);
      assert.match(native.stderr, new RegExp(`${seed} runs a native statement.*cannot carry it over`));
      const one = await project.run(['migrate:squash', '--from', create!, '--to', create!]);
      assert.equal(one.code, 2);
      assert.match(one.stderr, /a squash replaces two or more/);
      const unknown = await project.run(['migrate:squash', '--to', '20990101_000000_nope']);
      assert.equal(unknown.code, 2);
      assert.deepEqual(await listing(), beforeFiles);
    } finally {
      await project.cleanup();
    }
  });
});

describe('migrate:squash from the middle of the history', () => {
  test('keeps the run\'s steps in order; the header chain and the later migration stay valid', async () => {
    const project = await createProject('sqlite:app.db');
    try {
      const [m1, m2, m3, m4] = await history(project);
      const url = ['--url', `sqlite:${project.dir}/all.db`];
      assert.equal((await project.run(['migrate:up', ...url])).code, 0);
      const squash = await project.run(['migrate:squash', '--from', m2!, '--to', m3!, '-m', 'isbn']);
      assert.equal(squash.code, 0, squash.stderr);
      const files = (await project.migrations()).map((f) => f.slice(0, -3));
      assert.deepEqual(files, [m1, `${m3!.slice(0, 15)}_isbn`, m4]);
      const text = await project.read(`migrations/${files[1]}.ts`);
      assert.match(text, new RegExp(`// tidemark: replaces ${m2} ${m3}\n`));
      const up = text.slice(text.indexOf('async up'), text.indexOf('async down'));
      assert.ok(up.indexOf("db.addColumn('books'") >= 0 && up.indexOf("db.addColumn('books'") < up.indexOf("db.createIndex('books'"), up);
      const down = text.slice(text.indexOf('async down'));
      assert.ok(down.indexOf("db.dropIndex('books'") < down.indexOf("db.dropColumn('books'"), down);
      // the database that applied everything: folded, nothing runs, no fork anywhere
      const status = await project.run(['migrate:status', ...url]);
      assert.equal(status.code, 0, status.stdout + status.stderr);
      assert.match(status.stdout, /3 applied, 0 pending/);
      assert.equal((await project.run(['migrate:check', ...url])).code, 0);
      // a fresh database runs the three files to the same schema
      const fresh = await project.run(['migrate:up', '--url', `sqlite:${project.dir}/fresh.db`]);
      assert.equal(fresh.code, 0, fresh.stderr);
      assert.match(fresh.stdout, /Applied 3 migration\(s\)/);
      assert.equal((await project.run(['migrate:check', '--url', `sqlite:${project.dir}/fresh.db`])).code, 0);
      // and it rolls back through the squashed migration to the first one
      const back = await project.run(['migrate:down', '--to', m1!, '--allow-destructive', '--url', `sqlite:${project.dir}/fresh.db`]);
      assert.equal(back.code, 0, back.stderr);
      assert.match((await project.run(['migrate:status', '--url', `sqlite:${project.dir}/fresh.db`])).stdout, /1 applied, 2 pending/);
    } finally {
      await project.cleanup();
    }
  });
});
