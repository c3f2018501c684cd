// The rename question on a real terminal: `script` (util-linux) gives the CLI a pseudo-terminal,
// the test waits for the question, then answers with the keyboard like a person.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'vitest';
import { createProject, REPO_ROOT, type TempProject } from '../support/project.js';

const BIN = join(REPO_ROOT, 'packages/cli/bin/tidemark.mjs');
const hasScript = spawnSync('script', ['--version']).status === 0;
const NO_SCRIPT = 'needs `script` (util-linux) for a pseudo-terminal';
if (!hasScript) console.error(`\n!!! SKIPPING the terminal prompt tests: ${NO_SCRIPT}\n`);
const HEADER = "import { Model, Key, Auto } from '@tidemark/decorators';\n";

let project: TempProject;
beforeEach(async () => {
  project = await createProject();
  await project.write('models/user.ts', `${HEADER}@Model() export class User { @Key() @Auto() id!: number; name!: string; }\n`);
  assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
  await project.write('models/user.ts', `${HEADER}@Model() export class User { @Key() @Auto() id!: number; fullName!: string; }\n`);
});
afterEach(async () => { await project.cleanup(); });

/** Runs `migrate:generate` on a terminal, answers the question with `keys`, returns what the terminal showed. */
function generateAtTerminal(keys: string): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', `${process.execPath} ${BIN} migrate:generate -m rename`, '/dev/null'], { cwd: project.dir });
    let screen = '';
    let answered = false;
    const timer = setTimeout(() => { child.kill(); reject(new Error(`no question within 20 s:\n${screen}`)); }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (!answered && /Is column full_name in users new, or renamed/.test(screen)) {
        answered = true;
        child.stdin.write(keys);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen: screen.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '').replace(/\r/g, '') });
    });
  });
}

test('on a terminal, a removed and an added column are asked about; Enter picks the rename', { skip: !hasScript }, async () => {
  const { code, screen } = await generateAtTerminal('\r');
  assert.equal(code, 0, screen);
  assert.match(screen, /~ column users\.name → full_name/);
  const [, file] = await project.migrations();
  assert.match(await project.read(`migrations/${file}`), /db\.renameColumn\('users', 'name', 'full_name'\)/);
});

test('on a terminal, answering "new" drops and adds, marked destructive', { skip: !hasScript }, async () => {
  const { code, screen } = await generateAtTerminal('\x1b[B\r');
  assert.equal(code, 0, screen);
  assert.match(screen, /TM_W_DROP_COLUMN/);
  const [, file] = await project.migrations();
  assert.match(await project.read(`migrations/${file}`), /db\.dropColumn\('users', 'name'\)/);
});
