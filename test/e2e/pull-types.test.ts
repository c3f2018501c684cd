// Every portable type, composite and reordered keys, a self-reference, every referential action
// and enums, on each live SQL backend: the golden schema (test/golden/pull-schema.ts, less what no
// model can say) made by Tidemark → `migrate:pull` lists nothing → the pulled models read back as
// the live schema → their first migration, run on a fresh database, makes the same schema.
import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { comparableSnapshot, op, type PullNote } from '@tidemark/core';
import { backendsUnderTest } from '../backends/index.js';
import { pullSchema } from '../golden/pull-schema.js';
import { createProject } from '../support/project.js';
import { modelsSnapshot } from './pull/round-trip.js';

// referenced tables first; `texts` (a composite foreign key to a non-key pair) and `audit_log` (no key) cannot be models
const ORDER = ['categories', 'people', 'person_categories', 'profiles'];
const tables = ORDER.map((name) => pullSchema.tables.find((t) => t.name === name)!);

for (const { harness, skip } of await backendsUnderTest()) {
  if (harness.capabilities.foreignKeys !== 'enforced' || !harness.capabilities.autoIncrement) continue;
  describe(`migrate:pull of every portable type on ${harness.name}`, { skip: Boolean(skip) }, () => {
    test('pulls exactly, and the pulled models make the same schema on a fresh database', async () => {
      const db = await harness.create();
      const fresh = await harness.create();
      const project = await createProject(db.url);
      try {
        for (const table of tables) await db.connection.withLock(() => db.connection.applier.apply(op.createTable(table)));
        const live = await db.connection.introspect();
        assert.deepEqual(live.tables.map((t) => t.name), [...ORDER].sort());
        const pull = await project.run(['migrate:pull', '--json']);
        assert.equal(pull.code, 0, pull.stderr + pull.stdout);
        assert.deepEqual((JSON.parse(pull.stdout) as { notes: PullNote[] }).notes, []);
        const comparable = (s: typeof live) => comparableSnapshot(s, harness.capabilities);
        assert.deepEqual(comparable(modelsSnapshot(project)), comparable(live));

        const generate = await project.run(['migrate:generate', '--message', 'from pull']);
        assert.equal(generate.code, 0, generate.stderr + generate.stdout);
        const up = await project.run(['migrate:up', '--url', fresh.url]);
        assert.equal(up.code, 0, up.stderr + up.stdout);
        assert.deepEqual(comparable(await fresh.connection.introspect()), comparable(live));
      } finally {
        await project.cleanup();
        await fresh.dispose();
        await db.dispose();
      }
    });
  });
}
