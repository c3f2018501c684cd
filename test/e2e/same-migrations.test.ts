// One migrations/ folder, every backend: the committed blog migrations (generated once, on
// SQLite) applied through the CLI to a fresh database of each backend under test give the schema
// .schema.json describes, with rows that survive; `migrate:check --url` finds no drift; down
// all the way leaves nothing of Tidemark's but its tracking table. Backends without @Auto keys
// (MongoDB, DynamoDB) refuse this folder up front and are covered by their own examples.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { comparableSnapshot, parseSnapshot } from '@tidemark/core';
import { main } from '@tidemark/cli';
import { Writable } from 'node:stream';
import { backendsUnderTest } from '../backends/index.js';
import { REPO_ROOT } from '../support/project.js';

async function cli(args: readonly string[]): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const sink = new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } });
  const code = await main(args, { cwd: REPO_ROOT, env: {}, stdout: sink, stderr: sink, interactive: false });
  return { code, out: chunks.join('') };
}

const expected = parseSnapshot(await readFile(join(REPO_ROOT, 'migrations', '.schema.json'), 'utf8'), '.schema.json');

for (const { harness, skip } of await backendsUnderTest()) {
  const why = skip ?? (harness.capabilities.autoIncrement ? false : `${harness.name} has no auto-increment keys, which the blog example uses`);
  describe(`the committed migrations on ${harness.name}`, { skip: Boolean(why) }, () => {
    test('apply through the CLI, match .schema.json, keep rows, pass check, and roll all the way back', async () => {
      const db = await harness.create();
      try {
        const up = await cli(['migrate:up', '--url', db.url]);
        assert.equal(up.code, 0, up.out);
        assert.match(up.out, /✅ Applied 2 migration\(s\)/);
        assert.deepStrictEqual(comparableSnapshot(await db.connection.introspect(), harness.capabilities), comparableSnapshot(expected, harness.capabilities));
        await db.insert('users', [{ id: 1, name: 'ada', email: 'ada@example.com', role: 'admin' }]);
        const check = await cli(['migrate:check', '--url', db.url]);
        assert.equal(check.code, 0, check.out);
        const status = await cli(['migrate:status', '--url', db.url]);
        assert.match(status.out, /2 applied, 0 pending/);
        const down = await cli(['migrate:down', '--steps', '1', '--url', db.url, '--allow-destructive']);
        assert.equal(down.code, 0, down.out);
        assert.deepStrictEqual(await db.select('users', ['id', 'name'], 'id'), [{ id: 1, name: 'ada' }]);
        const rest = await cli(['migrate:down', '--steps', '1', '--url', db.url, '--allow-destructive']);
        assert.equal(rest.code, 0, rest.out);
        assert.deepStrictEqual((await db.connection.introspect()).tables, []);
      } finally {
        await db.dispose();
      }
    });
  });
}
