import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'vitest';
import { capabilities } from './capabilities.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

test('capabilities say what MySQL does: no transactional DDL, enforced keys, 64-character names, no JSON index', () => {
  assert.equal(capabilities.transactionalDdl, false);
  assert.equal(capabilities.foreignKeys, 'enforced');
  assert.equal(capabilities.uniqueIndexes, 'enforced');
  assert.equal(capabilities.autoIncrement, true);
  assert.equal(capabilities.alterPrimaryKey, true);
  assert.equal(capabilities.maxIdentifierLength, 64);
  assert.ok(!(capabilities.indexableTypes as readonly string[]).includes('json'));
});

test('capabilities, URL parsing and the dialect load without mysql2; connect says how to install it', () => {
  const hooks = fileURLToPath(new URL('./__fixtures__/no-driver.mjs', import.meta.url));
  const child = fileURLToPath(new URL('./__fixtures__/without-driver.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', hooks, '--import', 'tsx', child], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim()), { loaded: true, code: 'TM_BACKEND_MISSING' });
});
