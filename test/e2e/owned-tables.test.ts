// A table made by a migration's native statement is invisible to the schema model: `owns` in
// defineMigration declares it, so `migrate:check --url` does not report it as drift forever, and
// the drift hint says so instead of recommending yet another migration that makes it.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'vitest';
import { createProject, type TempProject } from '../support/project.js';

const ID = '20250101_000000_audit';
const migration = (owns: string) => `import { defineMigration } from '@tidemark/core';

export default defineMigration({
  id: '${ID}',${owns}
  async up(db) {
    await db.execute('CREATE TABLE audit_log (id integer PRIMARY KEY, what text)');
  },
  async down(db) {
    await db.execute('DROP TABLE audit_log');
  },
});
`;

let project: TempProject;
beforeEach(async () => {
  project = await createProject();
  await project.write('models/none.ts', 'export {};\n');
  await project.write('migrations/.schema.json', '{\n  "format": "tidemark.snapshot",\n  "version": 1,\n  "tables": []\n}\n');
});
afterEach(async () => { await project.cleanup(); });

test('without owns, the table is drift, and the hint says how to declare it', async () => {
  await project.write(`migrations/${ID}.ts`, migration(''));
  assert.equal((await project.run(['migrate:up'])).code, 0);
  const r = await project.run(['migrate:check', '--url', `sqlite:${project.dir}/app.db`]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /error TM_DRIFT: .* drifted from its applied migrations: \+ table audit_log/);
  assert.match(r.stderr, /hint: .*if a migration's db\.execute made audit_log, declare it there with `owns: \['audit_log'\]`/);
});

test('with owns, check leaves the table alone: exit 0', async () => {
  await project.write(`migrations/${ID}.ts`, migration("\n  owns: ['audit_log'],"));
  assert.equal((await project.run(['migrate:up'])).code, 0);
  const r = await project.run(['migrate:check', '--url', `sqlite:${project.dir}/app.db`]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /matches its 1 applied migration\(s\)/);
});

test('owns that is not a list of names is a bad migration file', async () => {
  await project.write(`migrations/${ID}.ts`, migration("\n  owns: 'audit_log',"));
  const r = await project.run(['migrate:up']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /error TM_MIGRATION_INVALID: .*has `owns` that is not a list of table names/);
});
