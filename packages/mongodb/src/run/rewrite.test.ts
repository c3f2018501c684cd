// Batched rewrites: they end when the filter matches nothing, take another pass for documents
// written meanwhile, fail rather than loop when values cannot change, and kill their cursor
// when a batch fails.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { serverError } from '../__fixtures__/ddl-state-runner.js';
import { countReply, cursorReply, RecordingRunner, writeReply } from '../__fixtures__/recording-runner.js';
import type { RewriteStep } from '../apply/plan.js';
import { runRewrite } from './rewrite.js';

const step: RewriteStep = { kind: 'rewrite', collection: 'items', filter: { v: { $type: 'int' } }, update: [{ $set: { v: { $toLong: '$v' } } }], purpose: 'rewrite' };
const options = { batchSize: 2, op: 'alterColumn' };

describe('runRewrite', () => {
  it('takes another pass when documents were written meanwhile', async () => {
    const runner = new RecordingRunner()
      .on('aggregate', countReply(1), countReply(1), countReply(0))
      .on('find', cursorReply([{ _id: 1 }]), cursorReply([{ _id: 2 }]))
      .on('update', writeReply(1), writeReply(1));
    await runRewrite(runner, step, options);
    assert.deepStrictEqual(runner.names, ['aggregate', 'find', 'update', 'aggregate', 'find', 'update', 'aggregate']);
    assert.equal(runner.unanswered, 0);
  });

  it('fails, naming how many documents are left, when a pass changes nothing', async () => {
    const runner = new RecordingRunner()
      .on('aggregate', countReply(2), countReply(2))
      .on('find', cursorReply([{ _id: 1 }, { _id: 2 }]))
      .on('update', writeReply(2, 0));
    await assert.rejects(runRewrite(runner, step, options),
      (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && /2 document\(s\) of items still need the alterColumn change/.test(err.message));
  });

  it('kills its cursor when an update fails', async () => {
    const runner = new RecordingRunner()
      .on('aggregate', countReply(5))
      .on('find', cursorReply([{ _id: 1 }, { _id: 2 }], { id: 31, ns: 'app.items' }))
      .on('update', serverError(121, 'DocumentValidationFailure', 'Document failed validation'));
    await assert.rejects(runRewrite(runner, step, options), (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && err.details.code === 121);
    assert.deepStrictEqual(runner.commands.at(-1), { killCursors: 'items', cursors: [{ $numberLong: '31' }] });
  });
});
