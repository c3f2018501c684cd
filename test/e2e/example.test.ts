// The committed example: regenerating from examples/blog/models must produce no new migration,
// so the committed migrations/ always match the models.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from '@tidemark/generator';
import { REPO_ROOT } from '../support/project.js';

test('the committed migrations match the example models', async () => {
  const result = await generate({
    cwd: REPO_ROOT, models: ['examples/blog/models/**/*.ts'], migrations: 'migrations', message: 'check', dryRun: true,
  });
  assert.equal(result.status, 'no-changes', `regenerating would write:\n${result.text}`);
});
