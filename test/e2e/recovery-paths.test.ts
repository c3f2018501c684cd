// The ways out that the hints name must work end to end (issue 16; README "When something goes
// wrong"): a fork whose newer side was applied locally, and drift captured in a migration.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'vitest';
import Database from 'better-sqlite3';
import { createProject, type TempProject } from '../support/project.js';

const HEADER = "import { Model, Key, Auto } from '@tidemark/decorators';\nimport type { Text } from '@tidemark/decorators';\n";
const user = (extra = '') => `${HEADER}@Model()\nexport class User {\n  @Key() @Auto() id!: number;\n  name!: string;${extra}\n}\n`;
const EMAIL = '\n  email?: string | null;';
const AGE = '\n  age?: number | null;';

let project: TempProject;
beforeEach(async () => { project = await createProject(); });
afterEach(async () => { await project.cleanup(); });

/** The project's database as an absolute URL: a relative --url is resolved from the process's cwd. */
const here = (): string => `sqlite:${join(project.dir, 'app.db')}`;

async function ok(...args: string[]): Promise<string> {
  const r = await project.run(args);
  assert.equal(r.code, 0, `${args.join(' ')}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

describe('recovery paths the hints name', () => {
  test('a fork whose newer side is applied locally: down (despite the fork), delete it, regenerate on top of the shared one', async () => {
    await project.write('models/user.ts', user());
    await ok('migrate:generate', '-m', 'init');
    await ok('migrate:up');
    const initSchema = await project.read('migrations/.schema.json');
    // the main branch adds email (shared, older id)
    await project.write('models/user.ts', user(EMAIL));
    await ok('migrate:generate', '-m', 'add email');
    const shared = (await project.migrations())[1]!;
    const sharedText = await project.read(`migrations/${shared}`);
    const sharedSchema = await project.read('migrations/.schema.json');
    await project.remove(`migrations/${shared}`);
    await project.write('migrations/.schema.json', initSchema);
    await new Promise((r) => setTimeout(r, 1100)); // a later id
    // this branch adds age and applies it locally
    await project.write('models/user.ts', user(AGE));
    await ok('migrate:generate', '-m', 'add age');
    const local = (await project.migrations())[1]!;
    await ok('migrate:up');
    // the merge brings main's migration in: a fork
    await project.write(`migrations/${shared}`, sharedText);
    const up = await project.run(['migrate:up']);
    assert.equal(up.code, 3);
    assert.match(up.stderr, /TM_MIGRATION_FORK/);
    assert.match(up.stderr, /migrate:down` works despite the fork/);
    // the hint's path
    await ok('migrate:down', '--allow-destructive');
    await project.remove(`migrations/${local}`);
    await project.write('migrations/.schema.json', sharedSchema);
    await project.write('models/user.ts', user(EMAIL + AGE));
    await ok('migrate:generate', '-m', 'add age');
    await ok('migrate:up');
    const status = await project.run(['migrate:status', '--json']);
    assert.equal(status.code, 0, status.stdout);
    assert.deepEqual(JSON.parse(status.stdout).entries.map((e: { state: string }) => e.state), ['applied', 'applied', 'applied']);
    await ok('migrate:check', '--url', here());
  });

  test('drift kept: add it to the models, generate, resolve --applied on this database; a fresh database runs it', async () => {
    await project.write('models/user.ts', user());
    await ok('migrate:generate', '-m', 'init');
    await ok('migrate:up');
    const db = new Database(join(project.dir, 'app.db'));
    db.exec('ALTER TABLE users ADD COLUMN email TEXT');
    db.prepare("INSERT INTO users (name, email) VALUES ('ada', 'ada@example.com')").run();
    db.close();
    const check = await project.run(['migrate:check', '--url', here()]);
    assert.equal(check.code, 3, check.stdout + check.stderr);
    assert.match(check.stderr, /migrate:resolve <id> --applied/);
    // the model says what the hand-made column is (TEXT: Tidemark's `text`)
    await project.write('models/user.ts', user('\n  email?: Text | null;'));
    await ok('migrate:generate', '-m', 'capture email');
    const captured = (await project.migrations())[1]!.replace(/\.ts$/, '');
    await ok('migrate:resolve', captured, '--applied');
    await ok('migrate:check', '--url', here());
    assert.match(await ok('migrate:up'), /Nothing to apply/);
    const again = new Database(join(project.dir, 'app.db'), { readonly: true });
    assert.deepEqual(again.prepare('SELECT name, email FROM users').all(), [{ name: 'ada', email: 'ada@example.com' }]);
    again.close();
    assert.match(await ok('migrate:up', '--url', `sqlite:${join(project.dir, 'fresh.db')}`), /Applied 2 migration/);
  });
});
