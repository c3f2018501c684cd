// docs/api.md is executed, not just read: every ```ts block runs in order, in a project made by
// `tidemark init`, and must print exactly the ```text block after it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { main } from '@tidemark/cli';
import { REPO_ROOT } from '../support/project.js';

const run = promisify(execFile);

/** `examples` pairs each ```ts block of the doc with the ```text block that follows it. */
function examples(markdown: string): { heading: string; code: string; prints: string[] }[] {
  const found: { heading: string; code: string; prints: string[] }[] = [];
  const block = /^## (.+)$|^```(ts|text)\n([\s\S]*?)^```$/gm;
  let heading = '';
  for (const m of markdown.matchAll(block)) {
    if (m[1]) heading = m[1];
    else if (m[2] === 'ts') found.push({ heading, code: m[3]!, prints: [] });
    else if (found.length > 0 && found.at(-1)!.prints.length === 0) found.at(-1)!.prints = m[3]!.split('\n').filter(Boolean);
  }
  return found;
}

const doc = await readFile(join(REPO_ROOT, 'docs', 'api.md'), 'utf8');
let dir: string;

beforeAll(async () => {
  await mkdir(join(REPO_ROOT, '.tmp'), { recursive: true });
  // Under the repository, so the examples' imports resolve to the workspace packages.
  dir = await mkdtemp(join(REPO_ROOT, '.tmp', 'api-'));
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  const quiet = new Writable({ write(_c, _e, cb) { cb(); } });
  assert.equal(await main(['init'], { cwd: dir, env: {}, stdout: quiet, stderr: quiet, interactive: false }), 0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('docs/api.md', () => {
  const list = examples(doc);

  test('has an example, with its output, for every job', () => {
    assert.deepEqual(list.map((e) => e.heading), [
      'Read models → snapshot', 'Diff two snapshots', 'Render a migration file', 'Plan the statements of operations', 'Connect and apply',
      'Many databases at once', 'Testing migrations', 'Hooks, timeouts and tracing',
    ]);
    for (const e of list) assert.ok(e.prints.length > 0, `${e.heading}: no output block`);
  });

  list.forEach((example, i) => {
    test(`example ${i + 1} (${example.heading}) runs and prints what the doc says`, async () => {
      const file = join(dir, `example-${i + 1}.ts`);
      await writeFile(file, example.code);
      const { stdout } = await run(process.execPath, ['--conditions=source', '--import', 'tsx', file], { cwd: dir });
      assert.deepEqual(stdout.split('\n').filter(Boolean), example.prints);
    });
  });

  test('what the examples wrote is what the commands accept: check passes, status shows it applied', async () => {
    const out: string[] = [];
    const sink = new Writable({ write(c, _e, cb) { out.push(String(c)); cb(); } });
    const io = { cwd: dir, env: {}, stdout: sink, stderr: sink, interactive: false };
    assert.equal(await main(['migrate:check'], io), 0, out.join(''));
    assert.equal(await main(['migrate:status'], io), 0, out.join(''));
    assert.match(out.join(''), /1 applied, 0 pending/);
  });
});
