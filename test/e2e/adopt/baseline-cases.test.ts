// migrate:baseline's other cases on SQLite (the live round trip on every backend is in
// baseline.test.ts): a second existing database once the baseline is committed, a database that
// Tidemark already manages, and models with nothing in them.
import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { connect } from '@tidemark/cli';
import { createProject } from '../../support/project.js';
import { LIBRARY_MODELS } from './hand-schema.js';

const HAND = [
  'CREATE TABLE authors (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL, bio VARCHAR(255))',
  'CREATE TABLE books (id INTEGER NOT NULL PRIMARY KEY, title VARCHAR(255) NOT NULL, author_id INTEGER NOT NULL, pages INTEGER)',
  'CREATE INDEX idx_books_author_id ON books (author_id)',
];

async function handMade(url: string): Promise<void> {
  const db = await connect(url);
  try {
    for (const s of HAND) await db.applier.execute(s);
  } finally {
    await db.close();
  }
}

describe('migrate:baseline', () => {
  test('a second existing database records the committed migrations; a managed one is refused', async () => {
    const project = await createProject('sqlite:prod.db');
    try {
      await project.write('models/library.ts', LIBRARY_MODELS);
      const prod = `sqlite:${project.dir}/prod.db`;
      const staging = `sqlite:${project.dir}/staging.db`;
      await handMade(prod);
      await handMade(staging);
      assert.equal((await project.run(['migrate:baseline'])).code, 0);
      const files = await project.migrations();
      const schema = await project.read('migrations/.schema.json');

      const second = await project.run(['migrate:baseline', '--url', staging]);
      assert.equal(second.code, 0, second.stderr);
      assert.doesNotMatch(second.stdout, /Generated migration/);
      assert.match(second.stdout, new RegExp(`Recorded as applied \\(not run\\): ${files[0]!.slice(0, -3)}`));
      assert.deepEqual(await project.migrations(), files);
      assert.equal(await project.read('migrations/.schema.json'), schema);
      assert.equal((await project.run(['migrate:check', '--url', staging])).code, 0);

      // Tidemark already manages prod: refused, nothing written
      await project.write('models/library.ts', LIBRARY_MODELS.replace('  bio?: string | null;\n', '  bio?: string | null;\n  born?: number | null;\n'));
      assert.equal((await project.run(['migrate:generate', '-m', 'add born'])).code, 0);
      assert.equal((await project.run(['migrate:up'])).code, 0);
      const fresh = `sqlite:${project.dir}/fresh.db`;
      const managed = await project.run(['migrate:baseline']);
      assert.equal(managed.code, 2);
      assert.match(managed.stderr, /TM_USAGE.*already has a Tidemark history/);
      // an empty database does not have the schema: refused with what it lacks
      const empty = await project.run(['migrate:baseline', '--url', fresh]);
      assert.equal(empty.code, 3);
      assert.match(empty.stderr, /TM_DRIFT.*does not match the models/);
      assert.match(empty.stderr, /- table authors/);
      assert.match(empty.stderr, /- table books/);
      const status = await project.run(['migrate:status', '--url', fresh]);
      assert.match(status.stdout, /0 applied, 2 pending/);
    } finally {
      await project.cleanup();
    }
  });

  test('models that define no tables: nothing to baseline, exit 2, nothing written', async () => {
    const project = await createProject('sqlite:app.db');
    try {
      await project.write('models/none.ts', 'export const nothing = 1;\n');
      const r = await project.run(['migrate:baseline']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /define no tables/);
      assert.deepEqual(await project.migrations(), []);
    } finally {
      await project.cleanup();
    }
  });
});
