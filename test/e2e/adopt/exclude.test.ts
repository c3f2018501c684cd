// The config's `exclude` list (issue 10): tables other tools own on a shared database. check
// --url and baseline ignore them, fresh never drops them, and a bad list is a clear config error
// that writes nothing. (The live round trip on every backend is in baseline.test.ts.)
import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { createProject } from '../../support/project.js';
import { LIBRARY_MODELS } from './hand-schema.js';

const config = (exclude: unknown) => JSON.stringify({ models: ['models/**/*.ts'], migrations: 'migrations', url: 'sqlite:app.db', exclude });

describe('exclude in tidemark.config.json', () => {
  test('a shared database: drift without it, green with it; fresh keeps the tables', async () => {
    const project = await createProject('sqlite:app.db');
    try {
      await project.write('models/library.ts', LIBRARY_MODELS);
      assert.equal((await project.run(['migrate:generate', '-m', 'create'])).code, 0);
      assert.equal((await project.run(['migrate:up'])).code, 0);
      const { connect } = await import('@tidemark/cli');
      const db = await connect(`sqlite:${project.dir}/app.db`);
      try {
        await db.applier.execute('CREATE TABLE django_session (session_key TEXT PRIMARY KEY, data TEXT)');
        await db.applier.execute('CREATE TABLE audit_log (id INTEGER PRIMARY KEY, what TEXT)');
        await db.applier.execute("INSERT INTO audit_log (id, what) VALUES (1, 'kept')");
      } finally {
        await db.close();
      }
      const url = ['--url', `sqlite:${project.dir}/app.db`];
      const drift = await project.run(['migrate:check', ...url]);
      assert.equal(drift.code, 3);
      assert.match(drift.stderr, /TM_DRIFT.*\+ table audit_log.*\+ table django_session/s);
      assert.match(drift.stderr, /"exclude"/);

      await project.write('tidemark.config.json', config(['django_*', 'audit_lo?']));
      const green = await project.run(['migrate:check', ...url]);
      assert.equal(green.code, 0, green.stderr);
      assert.match(green.stdout, /left out/);

      const fresh = await project.run(['migrate:fresh']);
      assert.equal(fresh.code, 0, fresh.stderr);
      const again = await connect(`sqlite:${project.dir}/app.db`);
      try {
        assert.deepEqual(await again.applier.execute('SELECT id, what FROM audit_log'), [{ id: 1, what: 'kept' }]);
        const names = (await again.applier.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) as { name: string }[];
        assert.deepEqual(names.map((n) => n.name), ['_tidemark_migrations', 'audit_log', 'authors', 'books', 'django_session']);
      } finally {
        await again.close();
      }
    } finally {
      await project.cleanup();
    }
  });

  test('bad lists are config errors naming the entry; a model table in the list is refused', async () => {
    const project = await createProject('sqlite:app.db');
    try {
      await project.write('models/library.ts', LIBRARY_MODELS);
      for (const [exclude, message] of [
        ['audit_log', /"exclude" must be a list of table names or patterns/],
        [['audit log'], /"exclude"\[0\] \("audit log"\) is not a table name or pattern/],
        [['ok', 3], /"exclude"\[1\] \(3\) is not a table name or pattern/],
        [['*'], /"exclude"\[0\] \("\*"\) would exclude every table/],
      ] as const) {
        await project.write('tidemark.config.json', config(exclude));
        const r = await project.run(['migrate:generate', '-m', 'create']);
        assert.equal(r.code, 2, JSON.stringify(exclude));
        assert.match(r.stderr, /TM_CONFIG_INVALID/);
        assert.match(r.stderr, message);
        assert.deepEqual(await project.migrations(), []);
      }
      await project.write('tidemark.config.json', config(['book?']));
      assert.equal((await project.run(['migrate:generate', '-m', 'create'])).code, 0);
      const clash = await project.run(['migrate:check', '--url', 'sqlite::memory:']);
      assert.equal(clash.code, 2);
      assert.match(clash.stderr, /"exclude" entry "book\?" names table books, which the models define \(model Book\)/);
    } finally {
      await project.cleanup();
    }
  });
});
