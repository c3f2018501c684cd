import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'vitest';
import { capabilities, INDEXABLE_TYPES, OBJECT_NAME_PATTERN } from './capabilities.js';

test('capabilities say what DynamoDB does and does not do', () => {
  assert.equal(capabilities.transactionalDdl, false);
  assert.equal(capabilities.foreignKeys, 'none');
  assert.equal(capabilities.uniqueIndexes, 'none');
  assert.equal(capabilities.autoIncrement, false);
  assert.equal(capabilities.alterPrimaryKey, false);
  assert.equal(capabilities.maxKeyColumns, 2);
  assert.equal(capabilities.maxIndexColumns, 2);
  assert.equal(capabilities.maxIndexesPerTable, 20);
  assert.ok(!(INDEXABLE_TYPES as readonly string[]).includes('boolean') && !(INDEXABLE_TYPES as readonly string[]).includes('json'));
  const name = new RegExp(OBJECT_NAME_PATTERN);
  assert.ok(name.test('order_items.v2-x') && !name.test('ab') && !name.test('a b') && !name.test('x'.repeat(256)));
});

test('importing the package does not load the AWS SDK; connecting does', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const script = `
    import { createRequire } from 'node:module';
    const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('client-dynamodb'));
    const mod = await import('@tidemark/dynamodb');
    const before = loaded();
    const conn = await mod.dynamodbBackend.connect('dynamodb://localhost:1');
    await conn.close();
    console.log(JSON.stringify({ before, after: loaded() }));`;
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root, encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { before: false, after: true });
});
