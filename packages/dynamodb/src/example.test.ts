// examples/dynamodb through the real CLI on DynamoDB Local: migrate:up, status, check, down, up.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { connectDynamoDb } from './connect.js';
import { freshUrl, liveSkip } from './__fixtures__/local.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CONFIG = 'examples/dynamodb/tidemark.config.json';

/** Runs `tidemark <args>` as a user does (the committed bin), resolving workspace packages to their sources. */
function tidemark(url: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/cli/bin/tidemark.mjs', ...args, '--config', CONFIG, '--url', url], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the DynamoDB example, applied with the CLI', { skip: Boolean(liveSkip()) }, () => {
  it('migrate:up, status, check, down and up again', async () => {
    const url = freshUrl();
    const up = tidemark(url, 'migrate:up');
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stdout, /✅ Applied 2 migration\(s\)/);

    const status = tidemark(url, 'migrate:status', '--json');
    assert.equal(status.code, 0, status.stderr);
    assert.deepEqual(JSON.parse(status.stdout).entries.map((e: { state: string }) => e.state), ['applied', 'applied']);
    const check = tidemark(url, 'migrate:check');
    assert.equal(check.code, 0, check.stdout + check.stderr);

    const conn = await connectDynamoDb(url);
    try {
      const tickets = () => conn.introspect().then((s) => s.tables.find((t) => t.name === 'tickets')!);
      assert.deepEqual((await tickets()).indexes.map((i) => i.name), ['idx_tickets_holder_email']);
      await conn.applier.execute({ command: 'PutItem', input: { TableName: 'tickets', Item: { event_id: { S: 'e1' }, seat: { S: 'A1' }, price: { N: '12.5' }, holder_email: { S: 'ada@example.com' } } } });

      const refused = tidemark(url, 'migrate:down');
      assert.equal(refused.code, 3, 'dropping a column needs --allow-destructive');
      const down = tidemark(url, 'migrate:down', '--allow-destructive');
      assert.equal(down.code, 0, down.stderr);
      assert.deepEqual((await tickets()).indexes, []);
      assert.deepEqual(JSON.parse(tidemark(url, 'migrate:status', '--json').stdout).entries.map((e: { state: string }) => e.state), ['applied', 'pending']);

      assert.equal(tidemark(url, 'migrate:up').code, 0);
      const found = (await conn.applier.execute({
        command: 'Query', input: { TableName: 'tickets', IndexName: 'idx_tickets_holder_email', KeyConditionExpression: 'holder_email = :e', ExpressionAttributeValues: { ':e': { S: 'ada@example.com' } } },
      })) as { Items: unknown[] };
      assert.equal(found.Items.length, 1, 'the item written before down is found through the re-created index');
    } finally {
      await conn.close();
    }
  });
});
