import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { describe, it } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { runHookCommand } from './hook-commands.js';

const payload = { hook: 'beforeMigration', id: '20260101_000000_x', direction: 'up', target: 'sqlite:x.db' } as const;

describe('runHookCommand', () => {
  it('a hook that hangs is stopped after its timeout, with whatever it started, and fails', async () => {
    const started = Date.now();
    await assert.rejects(runHookCommand('sleep 30; echo never', payload, { cwd: tmpdir(), env: process.env, output: () => undefined, timeoutMs: 300 }),
      (err) => isTidemarkError(err, 'TM_HOOK_FAILED') && /ran longer than 0\.3 s/.test(err.message));
    assert.ok(Date.now() - started < 10_000, 'stopped, not waited for');
  });

  it('passes the payload on stdin and in variables, and hands over its output', async () => {
    let output = '';
    await runHookCommand('cat; echo "$TIDEMARK_HOOK $TIDEMARK_MIGRATION_ID"', payload, { cwd: tmpdir(), env: process.env, output: (c) => { output += c; } });
    assert.equal(output, `${JSON.stringify(payload)}\nbeforeMigration 20260101_000000_x\n`);
  });
});
