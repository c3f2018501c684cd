// `tidemark migrate:verify` runs each pending migration up, down and up on a scratch database
// (SQLite in memory by default) and names the first whose down does not restore the schema or
// the rows; the helpers it is built on are exported for a project's own tests.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'vitest';
import { createScratchDatabase } from '@tidemark/cli/testing';
import { runThenCleanUp } from '../support/cleanup.js';
import { createProject, type TempProject } from '../support/project.js';

const USERS = '20250101_000000_create_users';
const EMAIL = '20250102_000000_add_email';
const ADMIN = '20250103_000000_seed_admin';

function migration(id: string, up: string, down: string): string {
  return `import { defineMigration } from '@tidemark/core';
export default defineMigration({
  id: '${id}',
  async up(db) { ${up} },
  async down(db) { ${down} },
});
`;
}

async function writeSet(project: TempProject, emailDown: string, adminDown: string): Promise<void> {
  await project.write(`migrations/${USERS}.ts`, migration(USERS,
    "await db.createTable({ name: 'users', columns: [{ name: 'id', type: 'i32' }, { name: 'name', type: 'string', length: 40 }], primaryKey: ['id'] });",
    "await db.dropTable('users');"));
  await project.write(`migrations/${EMAIL}.ts`, migration(EMAIL,
    "await db.addColumn('users', { name: 'email', type: 'string', length: 80, nullable: true }); await db.createIndex('users', { name: 'idx_users_email', columns: ['email'], unique: true });",
    emailDown));
  await project.write(`migrations/${ADMIN}.ts`, migration(ADMIN,
    "await db.insert('users', [{ id: 1, name: 'admin', email: 'admin@example.com' }]);",
    adminDown));
}

test('migrate:verify passes a reversible set and names the hand-edited down that does not restore the schema', { timeout: 120_000 }, async () => {
  const project = await createProject('sqlite:app.db');
  await runThenCleanUp(async () => {
    await writeSet(project, "await db.dropIndex('users', 'idx_users_email'); await db.dropColumn('users', 'email');", "await db.update('users', { name: 'gone' }, { id: 1 });");
    // the rows check: ADMIN's down leaves the row (changed) behind
    const rows = await project.run(['migrate:verify']);
    assert.equal(rows.code, 1, rows.stdout + rows.stderr);
    assert.match(rows.stderr, /TM_VERIFY_FAILED/);
    assert.match(rows.stderr, new RegExp(`${ADMIN} \\(down\\): its down does not restore the state before its up: the rows of users differ`));
    assert.match(rows.stdout, new RegExp(`✓ ${EMAIL}`), 'the migrations before it were verified');

    // a hand-edited down that forgets the column: the schema check names it
    await writeSet(project, "await db.dropIndex('users', 'idx_users_email');", "await db.execute('DELETE FROM users WHERE id = 1');");
    const schema = await project.run(['migrate:verify']);
    assert.equal(schema.code, 1, schema.stdout + schema.stderr);
    assert.match(schema.stderr, new RegExp(`${EMAIL} \\(down\\): its down does not restore the state before its up: the schema differs \\(.*column users\\.email`));

    // fixed: every migration verified; the configured database was never touched
    await writeSet(project, "await db.dropIndex('users', 'idx_users_email'); await db.dropColumn('users', 'email');", "await db.execute('DELETE FROM users WHERE id = 1');");
    const ok = await project.run(['migrate:verify', '--json']);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.deepStrictEqual(JSON.parse(ok.stdout).verified, [USERS, EMAIL, ADMIN]);
    const status = await project.run(['migrate:status', '--json']);
    assert.ok((JSON.parse(status.stdout) as { entries: { state: string }[] }).entries.every((e) => e.state === 'pending'), status.stdout);

    // the exported helpers: a user's own test migrates a scratch database and reads it back
    const db = await createScratchDatabase({ migrations: join(project.dir, 'migrations') });
    try {
      await db.migrateTo(ADMIN);
      assert.deepStrictEqual((await db.introspect()).tables.map((t) => [t.name, t.columns.map((c) => c.name)]), [['users', ['email', 'id', 'name']]]);
      assert.deepStrictEqual(await db.rows('users'), [{ id: 1, name: 'admin', email: 'admin@example.com' }]);
      await db.rollback(2);
      assert.deepStrictEqual(await db.rows('users'), []);
    } finally {
      await db.close();
    }
  }, () => project.cleanup());
});
