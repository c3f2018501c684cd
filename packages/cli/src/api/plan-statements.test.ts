// planStatements renders operations held in memory for any backend without connecting
// (docs/api.md): each step sees the schema the steps before it made.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { isTidemarkError, op } from '@tidemark/core';
import { planStatements } from './plan-statements.js';

const operations = [
  op.createTable({ name: 'notes', columns: [{ name: 'id', type: 'uuid' }, { name: 'body', type: 'text' }], primaryKey: ['id'] }),
  // Only renderable against the schema after the first step: the table must exist.
  op.renameColumn('notes', 'body', 'text'),
];

describe('planStatements', () => {
  it('renders every backend from its URL alone, no server needed', async () => {
    for (const url of ['sqlite::memory:', 'postgres://nowhere.invalid/app', 'mysql://nowhere.invalid/app', 'mongodb://nowhere.invalid/app', 'dynamodb://localhost:1']) {
      const steps = await planStatements(url, operations);
      assert.equal(steps.length, 2, url);
      assert.ok(steps.every((s) => s.statements.length > 0), `${url}: ${JSON.stringify(steps)}`);
    }
  });

  it('threads the schema through the steps (a rename needs the table the step before created)', async () => {
    const [, rename] = await planStatements('postgres://nowhere.invalid/app', operations);
    assert.deepEqual(rename!.statements, ['ALTER TABLE "notes" RENAME COLUMN "body" TO "text"']);
    const mongo = await planStatements('mongodb://nowhere.invalid/shop', operations);
    assert.match(mongo[0]!.statements.join('\n'), /"create":"notes"/);
  });

  it('an unknown scheme is TM_URL_INVALID', async () => {
    await assert.rejects(planStatements('oracle://db', operations), (e: unknown) => isTidemarkError(e, 'TM_URL_INVALID'));
  });
});
