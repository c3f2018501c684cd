// What the built CLI (packages/cli/bin/tidemark.mjs, `npm run build` first) does with its
// output streams (issue 16): a reader that closes the pipe early (`| head -1`) gets no EPIPE
// stack trace and the command still finishes; `--json` prints exactly one JSON document.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { TidemarkError } from '@tidemark/core';
import { Output } from '../../packages/cli/src/output.js';
import { createProject, REPO_ROOT, type CliResult, type TempProject } from '../support/project.js';

const BIN = join(REPO_ROOT, 'packages/cli/bin/tidemark.mjs');
const HEADER = "import { Model, Key, Auto } from '@tidemark/decorators';\n";
/** Enough tables that a dry run prints more than a pipe buffers (64 KiB), so `head -1` closes it mid-run. */
const MANY_MODELS = HEADER + Array.from({ length: 800 }, (_, i) => `@Model()\nexport class Thing${i} {\n  @Key() @Auto() id!: number;\n  name!: string;\n}\n`).join('');

const { DATABASE_URL: _ignored, ...ENV } = process.env;

function runBin(cwd: string, args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...ENV, NO_COLOR: '1' }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Runs the CLI with its stdout a pipe whose reading end is closed before it writes a byte. */
function runIntoClosedPipe(cwd: string, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...ENV, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => { stderr += String(c); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('the CLI did not exit within 60 s')); }, 60_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stderr }); });
  });
}

let project: TempProject;
beforeEach(async () => { project = await createProject(); });
afterEach(async () => { await project.cleanup(); });

describe('a closed pipe', () => {
  test('`migrate:up --dry-run | head -1` prints one line, no EPIPE, and the CLI exits 0', async () => {
    await project.write('models/things.ts', MANY_MODELS);
    assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
    const r = await new Promise<CliResult>((resolve) => {
      // bash's PIPESTATUS gives the CLI's own exit code, not head's
      execFile('bash', ['-c', `"${process.execPath}" "${BIN}" migrate:up --dry-run | head -1; exit \${PIPESTATUS[0]}`],
        { cwd: project.dir, env: { ...ENV, NO_COLOR: '1' }, timeout: 60_000 }, (err, stdout, stderr) => {
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
        });
    });
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^-- \d{8}_\d{6}_init \(up\)\n$/);
  });

  test('status into a pipe closed before it writes exits 0 with nothing on stderr', async () => {
    await project.write('models/things.ts', MANY_MODELS);
    assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
    const r = await runIntoClosedPipe(project.dir, ['migrate:status']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
  });

  test('up into a closed pipe still applies every migration: the reader going away does not stop it', async () => {
    await project.write('models/things.ts', MANY_MODELS);
    assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
    await project.write('models/more.ts', `${HEADER}@Model()\nexport class Extra {\n  @Key() @Auto() id!: number;\n}\n`);
    assert.equal((await project.run(['migrate:generate', '-m', 'extra'])).code, 0);
    const r = await runIntoClosedPipe(project.dir, ['migrate:up']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    const status = await project.run(['migrate:status']);
    assert.match(status.stdout, /2 applied, 0 pending/);
  });
});

describe('--json with an empty migrations folder', () => {
  const commands = [
    ['migrate:status'], ['migrate:up'], ['migrate:up', '--dry-run'], ['migrate:down'], ['migrate:down', '--dry-run'],
    ['migrate:check'], ['migrate:check', '--url', 'sqlite:other.db'], ['migrate:repair'],
  ];
  for (const args of commands) {
    test(`${args.join(' ')} --json prints exactly one JSON document`, async () => {
      await project.write('models/note.ts', `${HEADER}@Model()\nexport class Note {\n  @Key() @Auto() id!: number;\n}\n`);
      await mkdir(join(project.dir, 'migrations'));
      const r = await runBin(project.dir, [...args, '--json']);
      assert.equal(r.stderr, '');
      const doc = JSON.parse(r.stdout) as { ok: boolean; error?: { code: string } };
      if (args[0] === 'migrate:check') {
        // the model was never generated: a refusal, still one document
        assert.equal(r.code, 3);
        assert.equal(doc.ok, false);
        assert.equal(doc.error?.code, 'TM_NOT_GENERATED');
      } else {
        assert.equal(r.code, 0, r.stdout);
        assert.equal(doc.ok, true);
      }
    });
  }

  test('a result followed by an error (a connection that fails to close) prints one document: the error', () => {
    const chunks: string[] = [];
    const output = new Output(true, new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } }), new Writable({ write(_c, _e, cb) { cb(); } }), false);
    output.result({ ok: true, ids: [] });
    output.error(new TidemarkError('TM_BACKEND_ERROR', { message: 'closing the connection failed', hint: 'retry' }));
    output.flush();
    const doc = JSON.parse(chunks.join('')) as { ok: boolean; error: { code: string } };
    assert.equal(doc.ok, false);
    assert.equal(doc.error.code, 'TM_BACKEND_ERROR');
  });
});
