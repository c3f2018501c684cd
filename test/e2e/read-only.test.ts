// Read-only commands never write (issue 16): `migrate:status`, `up --dry-run`, `down --dry-run`
// and `check --url` create no `_tidemark_migrations` (nor a SQLite file) and run for a user who
// can only read — a role with CONNECT + USAGE + SELECT on PostgreSQL, SELECT on MariaDB, a
// chmod 444 file opened by a user who cannot write it on SQLite. The same cases run on every
// live backend through the built CLI (packages/cli/bin/tidemark.mjs, `npm run build` first).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { backendsUnderTest, type ReadOnlyAccess, type TestDatabase } from '../backends/index.js';
import { createProject, REPO_ROOT, type CliResult, type TempProject } from '../support/project.js';

const BIN = join(REPO_ROOT, 'packages/cli/bin/tidemark.mjs');

const HEADER = "import { Model, Key } from '@tidemark/decorators';\nimport type { Uuid } from '@tidemark/decorators';\n";
const NOTE_V1 = `${HEADER}@Model()\nexport class Note {\n  @Key() id!: Uuid;\n  title!: string;\n}\n`;
const NOTE_V2 = `${HEADER}@Model()\nexport class Note {\n  @Key() id!: Uuid;\n  title!: string;\n  body?: string | null;\n}\n`;

/** Runs the built CLI in `cwd` as `access`'s OS user (if any); never rejects, returns the exit code. */
function runBin(cwd: string, args: readonly string[], access: Partial<ReadOnlyAccess> = {}): Promise<CliResult> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], {
      cwd, env: { ...env, NO_COLOR: '1' }, timeout: 60_000,
      ...(access.uid !== undefined ? { uid: access.uid, gid: access.gid ?? access.uid } : {}),
    }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** A project with one generated migration (a Uuid key, so every backend can carry it). */
async function projectWithOneMigration(): Promise<TempProject> {
  const project = await createProject();
  await chmod(project.dir, 0o755); // mkdtemp makes it 0700; the read-only OS user must read it
  await project.write('models/note.ts', NOTE_V1);
  const gen = await project.run(['migrate:generate', '-m', 'create notes']);
  assert.equal(gen.code, 0, gen.stderr);
  await chmod(join(project.dir, 'migrations'), 0o755);
  await chmod(join(project.dir, 'models'), 0o755);
  return project;
}

/** Everything a write would change: the tables, the history, the live schema, the rows. */
async function stateOf(db: TestDatabase, withRows: boolean): Promise<unknown> {
  return {
    tables: await db.tables(),
    history: await db.connection.history.list(),
    schema: await db.connection.introspect(),
    rows: withRows ? await db.count('notes') : undefined,
  };
}

const READ_ONLY_COMMANDS = [
  ['migrate:status'],
  ['migrate:status', '--json'],
  ['migrate:up', '--dry-run'],
  ['migrate:down', '--dry-run'],
  ['migrate:check'],
] as const;

for (const { harness, skip } of await backendsUnderTest()) {
  describe(`read-only commands on ${harness.name}`, { skip: Boolean(skip) }, () => {
    test('history.list() on a database without _tidemark_migrations is [] and creates nothing', async () => {
      const db = await harness.create();
      try {
        const before = await db.tables();
        assert.deepStrictEqual(await db.connection.history.list(), []);
        assert.deepStrictEqual(await db.tables(), before);
        assert.ok(!before.includes('_tidemark_migrations'));
      } finally {
        await db.dispose();
      }
    });

    test('on an empty database: status, dry runs and check --url succeed and create nothing', async () => {
      const db = await harness.create();
      const project = await projectWithOneMigration();
      try {
        const before = await db.tables();
        for (const args of READ_ONLY_COMMANDS) {
          const r = await runBin(project.dir, [...args, '--url', db.url]);
          assert.equal(r.code, 0, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
        }
        const status = await runBin(project.dir, ['migrate:status', '--url', db.url]);
        assert.match(status.stdout, /0 applied, 1 pending/);
        assert.deepStrictEqual(await db.tables(), before);
      } finally {
        await project.cleanup();
        await db.dispose();
      }
    });

    test('a user who can only read runs status, dry runs and check --url, and nothing changes', async () => {
      const db = await harness.create();
      const project = await projectWithOneMigration();
      try {
        const applied = await runBin(project.dir, ['migrate:up', '--url', db.url]);
        assert.equal(applied.code, 0, applied.stdout + applied.stderr);
        await db.insert('notes', [{ id: '00000000-0000-4000-8000-000000000001', title: 'kept' }]);
        // a second migration that is pending, so the dry runs have something to show
        await project.write('models/note.ts', NOTE_V2);
        const gen = await project.run(['migrate:generate', '-m', 'add body']);
        assert.equal(gen.code, 0, gen.stderr);

        const access: ReadOnlyAccess = db.readOnly ? await db.readOnly() : { url: db.url };
        const before = await stateOf(db, true);
        if (db.readOnly) {
          // the access really cannot write, or this test would prove nothing
          const refused = await runBin(project.dir, ['migrate:up', '--url', access.url], access);
          assert.notEqual(refused.code, 0, `migrate:up as the read-only user succeeded: ${refused.stdout}`);
          assert.deepStrictEqual(await stateOf(db, true), before);
        }

        const status = await runBin(project.dir, ['migrate:status', '--url', access.url], access);
        assert.equal(status.code, 0, status.stdout + status.stderr);
        assert.match(status.stdout, /1 applied, 1 pending/);
        const json = await runBin(project.dir, ['migrate:status', '--json', '--url', access.url], access);
        assert.equal(json.code, 0, json.stdout + json.stderr);
        assert.deepStrictEqual((JSON.parse(json.stdout) as { entries: { state: string }[] }).entries.map((e) => e.state), ['applied', 'pending']);
        const up = await runBin(project.dir, ['migrate:up', '--dry-run', '--url', access.url], access);
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /dry run: 1 migration\(s\) would be applied; nothing was changed/);
        const down = await runBin(project.dir, ['migrate:down', '--dry-run', '--url', access.url], access);
        assert.equal(down.code, 0, down.stdout + down.stderr);
        assert.match(down.stdout, /dry run: 1 migration\(s\) would be rolled back; nothing was changed/);
        const check = await runBin(project.dir, ['migrate:check', '--url', access.url], access);
        assert.equal(check.code, 0, check.stdout + check.stderr);
        assert.match(check.stdout, /matches its 1 applied migration\(s\)/);

        assert.deepStrictEqual(await stateOf(db, true), before);
      } finally {
        await project.cleanup();
        await db.dispose();
      }
    });
  });
}

describe('read-only commands on a SQLite file that does not exist', () => {
  test('read as an empty database (everything pending) and the file is never created', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tidemark-missing-'));
    const project = await projectWithOneMigration();
    const file = join(dir, 'missing.db');
    const url = `sqlite:${file}`;
    // a folder nobody may write in, and (as root) an OS user for whom that holds
    await chmod(dir, 0o555);
    const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    try {
      const status = await runBin(project.dir, ['migrate:status', '--url', url], as);
      assert.equal(status.code, 0, status.stdout + status.stderr);
      assert.match(status.stdout, /0 applied, 1 pending/);
      for (const args of READ_ONLY_COMMANDS) {
        const r = await runBin(project.dir, [...args, '--url', url], as);
        assert.equal(r.code, 0, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      }
      const up = await runBin(project.dir, ['migrate:up', '--dry-run', '--url', url], as);
      assert.match(up.stdout, /CREATE TABLE "notes"/);
      assert.equal(existsSync(file), false);
    } finally {
      await chmod(dir, 0o755);
      await rm(dir, { recursive: true, force: true });
      await project.cleanup();
    }
  });
});
