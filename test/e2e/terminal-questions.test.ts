// The questions the CLI asks on a real terminal, and Ctrl-C at each of them and while a run works:
// `script` (util-linux) gives the CLI a pseudo-terminal, the test waits for the question (or the
// line it looks for), then types like a person. Without a terminal the same runs are refused
// (exit 3, naming --allow-destructive): see the bad-input catalogue and the last test here.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, test } from 'vitest';
import { createProject, REPO_ROOT, type TempProject } from '../support/project.js';

const BIN = join(REPO_ROOT, 'packages/cli/bin/tidemark.mjs');
const hasScript = spawnSync('script', ['--version']).status === 0;
const NO_SCRIPT = 'needs `script` (util-linux) for a pseudo-terminal';
if (!hasScript) console.error(`\n!!! SKIPPING the terminal question tests: ${NO_SCRIPT}\n`);
const HEADER = "import { Model, Key, Auto } from '@tidemark/decorators';\n";
const WITH_BIO = `${HEADER}@Model() export class User { @Key() @Auto() id!: number; name!: string; bio?: string | null; }\n`;
const WITHOUT_BIO = `${HEADER}@Model() export class User { @Key() @Auto() id!: number; name!: string; }\n`;

let project: TempProject;
beforeEach(async () => { project = await createProject(); });
afterEach(async () => { await project.cleanup(); });

interface Screen { readonly code: number | null; readonly screen: string }

/**
 * Runs `tidemark <args>` on a terminal; when the screen matches `waitFor`, types `keys`.
 * Returns the exit code and what the terminal showed (without colours and cursor moves).
 */
function atTerminal(args: string, waitFor: RegExp, keys: string): Promise<Screen> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', `${process.execPath} ${BIN} ${args}`, '/dev/null'], { cwd: project.dir, env: { ...process.env, NO_COLOR: '1' } });
    let screen = '';
    let typed = false;
    const timer = setTimeout(() => { child.kill(); reject(new Error(`${waitFor} not seen within 30 s:\n${screen}`)); }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (!typed && waitFor.test(clean(screen))) {
        typed = true;
        child.stdin.write(keys);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen: clean(screen) });
    });
  });
}

const clean = (s: string) => s.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '').replace(/\r/g, '');

/** A project whose applied migration made users.bio, three rows (two with a bio), and a pending migration that drops it. */
async function pendingDrop(): Promise<void> {
  await project.write('models/user.ts', WITH_BIO);
  assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
  assert.equal((await project.run(['migrate:up'])).code, 0);
  const db = new Database(join(project.dir, 'app.db'));
  db.exec("INSERT INTO users (name, bio) VALUES ('a', 'x'), ('b', 'y'), ('c', NULL)");
  db.close();
  await project.write('models/user.ts', WITHOUT_BIO);
  const generated = await project.run(['migrate:generate']);
  assert.equal(generated.code, 0, generated.stderr);
  // the default name comes from the change; the footer names the flag the migration will need
  assert.match(generated.stdout, /Generated migration: migrations\/\d{8}_\d{6}_drop_users_bio\.ts/);
  assert.match(generated.stdout, /tidemark migrate:up --allow-destructive/);
}

function columns(): string[] {
  const db = new Database(join(project.dir, 'app.db'), { readonly: true });
  try {
    return (db.prepare('PRAGMA table_info(users)').all() as { name: string }[]).map((c) => c.name);
  } finally {
    db.close();
  }
}

const QUESTION = /Run them\? The data cannot be brought back/;

test('a destructive step on a terminal shows the values it loses and asks; Enter is No: exit 3, nothing applied', { skip: !hasScript }, async () => {
  await pendingDrop();
  const { code, screen } = await atTerminal('migrate:up', QUESTION, '\r');
  assert.equal(code, 3, screen);
  assert.match(screen, /These steps lose data:\n {2}\d{8}_\d{6}_drop_users_bio step 1: TM_W_DROP_COLUMN drops column users\.bio and its values — 2 row\(s\) hold a value in users\.bio now/);
  assert.match(screen, /\(y\/N\)/);
  assert.match(screen, /error TM_DESTRUCTIVE_REFUSED: you answered No to the destructive step\(s\) of \d{8}_\d{6}_drop_users_bio; nothing was applied\nhint: .*--allow-destructive/);
  assert.deepEqual(columns(), ['id', 'name', 'bio']);
});

test('answering yes applies the destructive step', { skip: !hasScript }, async () => {
  await pendingDrop();
  const { code, screen } = await atTerminal('migrate:up', QUESTION, 'y\r');
  assert.equal(code, 0, screen);
  assert.match(screen, /TM_W_DROP_COLUMN drops column users\.bio and its values \(you answered yes\)/);
  assert.match(screen, /✅ Applied 1 migration\(s\)/);
  assert.deepEqual(columns(), ['id', 'name']);
});

test('a dropped table is counted in rows, on the way down too', { skip: !hasScript }, async () => {
  await project.write('models/user.ts', WITH_BIO);
  assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
  assert.equal((await project.run(['migrate:up'])).code, 0);
  const db = new Database(join(project.dir, 'app.db'));
  db.exec("INSERT INTO users (name) VALUES ('a'), ('b'), ('c'), ('d')");
  db.close();
  const { code, screen } = await atTerminal('migrate:down', QUESTION, 'n\r');
  assert.equal(code, 3, screen);
  assert.match(screen, /TM_W_DROP_TABLE drops table users and all its rows — 4 row\(s\) in users now/);
  assert.deepEqual(columns(), ['id', 'name', 'bio']);
});

test('Ctrl-C at the destructive question: cancelled, nothing applied, exit 130, no stack trace', { skip: !hasScript }, async () => {
  await pendingDrop();
  const { code, screen } = await atTerminal('migrate:up', QUESTION, '\x03');
  assert.equal(code, 130, screen);
  assert.match(screen, /error TM_CANCELLED: cancelled, nothing was applied\nhint: /);
  assert.doesNotMatch(screen, /TM_INTERNAL|this is a bug|\n\s+at /);
  assert.deepEqual(columns(), ['id', 'name', 'bio']);
});

test('Ctrl-C at the rename question: cancelled, nothing written, exit 130, no stack trace', { skip: !hasScript }, async () => {
  await project.write('models/user.ts', `${HEADER}@Model() export class User { @Key() @Auto() id!: number; name!: string; }\n`);
  assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
  await project.write('models/user.ts', `${HEADER}@Model() export class User { @Key() @Auto() id!: number; fullName!: string; }\n`);
  const before = await project.migrations();
  const { code, screen } = await atTerminal('migrate:generate -m rename', /Is column full_name in users new, or renamed/, '\x03');
  assert.equal(code, 130, screen);
  assert.match(screen, /error TM_CANCELLED: cancelled, nothing written\nhint: /);
  assert.doesNotMatch(screen, /TM_INTERNAL|this is a bug|\n\s+at /);
  assert.deepEqual(await project.migrations(), before);
});

test('Ctrl-C while migrations run on SQLite: the run is one transaction, so nothing stays, and it says so; exit 130', { skip: !hasScript }, async () => {
  const migration = (id: string, body: string) => `import { defineMigration } from '@tidemark/core';\nexport default defineMigration({\n  id: '${id}',\n  async up(db) {\n    ${body}\n  },\n  async down(db) {},\n});\n`;
  await project.write('migrations/20250101_000000_first.ts', migration('20250101_000000_first', "await db.execute('CREATE TABLE a (id integer)');"));
  // a slow step: the run waits in it when Ctrl-C comes (the replay before the run waits too)
  await project.write('migrations/20250102_000000_slow.ts', migration('20250102_000000_slow', "await db.execute('CREATE TABLE b (id integer)');\n    await new Promise((r) => setTimeout(r, 2500));"));
  const { code, screen } = await atTerminal('migrate:up', /Applying migration: 20250102_000000_slow/, '\x03');
  assert.equal(code, 130, screen);
  assert.match(screen, /✅ Applied: 20250101_000000_first/);
  assert.match(screen, /cancelled, nothing was applied: the run was one transaction, rolled back \(20250101_000000_first, 20250102_000000_slow\)/);
  assert.match(screen, /hint: run `tidemark migrate:status`/);
  assert.doesNotMatch(screen, /TM_INTERNAL|\n\s+at /);
  const db = new Database(join(project.dir, 'app.db'), { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'b')").all() as { name: string }[]).map((t) => t.name);
    assert.deepEqual(tables, [], 'the run left nothing: its transaction was rolled back');
  } finally {
    db.close();
  }
});

test('without a terminal the destructive step is refused, naming the flag, and nothing is asked', async () => {
  await pendingDrop();
  const r = await project.run(['migrate:up']);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /error TM_DESTRUCTIVE_REFUSED: \d{8}_\d{6}_drop_users_bio has destructive steps: TM_W_DROP_COLUMN/);
  assert.match(r.stderr, /hint: review the migration, then run again with --allow-destructive; nothing was applied/);
  assert.doesNotMatch(r.stdout, /These steps lose data/);
  assert.deepEqual(columns(), ['id', 'name', 'bio']);
});
