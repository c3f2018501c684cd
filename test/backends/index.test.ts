import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backendsUnderTest } from './index.js';

test('TIDEMARK_REQUIRE_BACKENDS naming a backend the project does not have fails instead of testing less', async () => {
  await assert.rejects(backendsUnderTest({ TIDEMARK_REQUIRE_BACKENDS: 'sqlite,oracle' }), /oracle, which this project has no backend for/);
  const all = await backendsUnderTest({ TIDEMARK_REQUIRE_BACKENDS: 'sqlite' });
  assert.deepStrictEqual(all.map((b) => [b.harness.name, b.skip]), [['sqlite', undefined]]);
});
