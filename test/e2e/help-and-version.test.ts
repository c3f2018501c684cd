// --help teaches (examples, exit codes on every command's help, for any command registered),
// --version answers, --no-color wins over FORCE_COLOR: through the binary, as a user runs it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'vitest';
import { REPO_ROOT } from '../support/project.js';

const BIN = join(REPO_ROOT, 'packages/cli/bin/tidemark.mjs');

function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '', ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

test('--version prints the CLI package version', async () => {
  const { version } = JSON.parse(await readFile(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string };
  const r = await run(['--version']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), version);
});

test('--help has examples and the exit codes, and so has the help of every registered command', async () => {
  const top = await run(['--help']);
  assert.equal(top.code, 0, top.stderr);
  assert.match(top.stdout, /Examples:\n {2}tidemark migrate:generate -m "add user website"/);
  assert.match(top.stdout, /Exit codes:\n {2}0 {4}done\n {2}1 .*\n {2}2 .*\n {2}3 .*--allow-destructive[\s\S]*\n {2}130 {2}cancelled \(Ctrl-C\)/);
  const commands = [...top.stdout.matchAll(/^ {2}tidemark ([a-z:]+)(?: |$)/gm)].map((m) => m[1]!).filter((c, i, all) => all.indexOf(c) === i);
  assert.ok(commands.includes('migrate:status') && commands.length >= 9, commands.join(' '));
  for (const command of commands) {
    const r = await run([command, '--help']);
    assert.equal(r.code, 0, `${command}: ${r.stderr}`);
    assert.match(r.stdout, /Exit codes:[\s\S]*130 {2}cancelled/, `${command} --help lists the exit codes`);
  }
  for (const command of ['migrate:generate', 'migrate:up', 'migrate:down', 'migrate:status', 'migrate:check']) {
    assert.match((await run([command, '--help'])).stdout, new RegExp(`Examples:\\n {2}tidemark ${command}`), `${command} --help has examples`);
  }
});

test('--no-color turns colours off even where FORCE_COLOR turns them on', async () => {
  const coloured = await run(['status'], { FORCE_COLOR: '1' });
  assert.equal(coloured.code, 2);
  assert.match(coloured.stderr, /\x1b\[/);
  const plain = await run(['status', '--no-color'], { FORCE_COLOR: '1' });
  assert.equal(plain.code, 2);
  assert.doesNotMatch(plain.stderr, /\x1b\[/);
  assert.match(plain.stderr, /^error TM_USAGE: unknown command status; did you mean migrate:status\?/);
});
