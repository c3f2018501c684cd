import assert from 'node:assert/strict';
import { test } from 'vitest';
import { backendsUnderTest, HARNESSES } from './index.js';

test('TIDEMARK_REQUIRE_BACKENDS naming a backend the project does not have fails instead of testing less', async () => {
  await assert.rejects(backendsUnderTest({ TIDEMARK_REQUIRE_BACKENDS: 'sqlite,oracle' }), /oracle, which this project has no backend for/);
});

test('every backend is listed once, SQLite is always reachable, and a required backend is never skipped', async () => {
  assert.deepStrictEqual(HARNESSES.map((h) => h.name), ['sqlite', 'postgres', 'mysql', 'mongodb', 'dynamodb']);
  const all = await backendsUnderTest({ TIDEMARK_REQUIRE_BACKENDS: 'sqlite' });
  assert.deepStrictEqual(all.map((b) => b.harness.name), HARNESSES.map((h) => h.name));
  assert.equal(all.find((b) => b.harness.name === 'sqlite')!.skip, undefined);
  for (const b of all) if (b.skip) assert.ok(b.skip.length > 10, `${b.harness.name} skips without saying how to enable it`);
});
