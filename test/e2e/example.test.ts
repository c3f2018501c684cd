// The committed examples: regenerating from each example's models must produce no new migration,
// so the committed migrations always match the models.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'vitest';
import { generate } from '@tidemark/generator';
import { REPO_ROOT } from '../support/project.js';

const EXAMPLES = [
  { name: 'blog (SQLite, PostgreSQL, MySQL)', cwd: REPO_ROOT, models: ['examples/blog/models/**/*.ts'], migrations: 'migrations' },
  { name: 'mongodb', cwd: join(REPO_ROOT, 'examples', 'mongodb'), models: ['models/**/*.ts'], migrations: 'migrations' },
  { name: 'dynamodb', cwd: join(REPO_ROOT, 'examples', 'dynamodb'), models: ['models/**/*.ts'], migrations: 'migrations' },
];

for (const example of EXAMPLES) {
  test(`the committed migrations of the ${example.name} example match its models`, async () => {
    const result = await generate({ cwd: example.cwd, models: example.models, migrations: example.migrations, message: 'check', dryRun: true });
    assert.equal(result.status, 'no-changes', `regenerating would write:\n${result.text}`);
  });
}
