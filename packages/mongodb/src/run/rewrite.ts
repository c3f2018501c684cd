import { backendError, type ProgressListener } from '@tidemark/core';
import type { MongoCommandRunner } from '../command-runner.js';
import { countMatching, forEachBatch } from '../cursor.js';
import type { Document } from '../document.js';
import { runCommand } from '../run-command.js';
import type { RewriteStep } from '../apply/plan.js';

/** `DEFAULT_BATCH_SIZE` is how many documents one `update` of a rewrite changes. */
export const DEFAULT_BATCH_SIZE = 1000;
/** How many full passes a rewrite makes while documents keep needing it (written meanwhile). */
const MAX_PASSES = 3;

/** `RewriteOptions` say how big a batch is and whom to tell about progress. */
export interface RewriteOptions {
  readonly batchSize: number;
  /** The operation kind, for progress events and error details. */
  readonly op: string;
  readonly onProgress?: ProgressListener | undefined;
}

/**
 * `runRewrite` changes every document matching `step.filter` with `step.update`, in batches:
 * it counts them (the progress total), reads their `_id`s through one `find` cursor,
 * `batchSize` at a time, and updates each batch with `{ _id: { $in: ids } }` and the filter
 * again (a document already changed is not changed twice). Batching by `_id` lists rather than
 * `_id` ranges works whatever the `_id`s are (ObjectIds, strings, numbers, mixed). Since the
 * filter stops matching a changed document, a final count of 0 proves the rewrite complete;
 * documents written meanwhile get another pass, and a pass that changes nothing while documents
 * still match (values the update cannot change) fails rather than loop.
 */
export async function runRewrite(runner: MongoCommandRunner, step: RewriteStep, options: RewriteOptions): Promise<void> {
  const { collection, filter } = step;
  let total = await countMatching(runner, collection, filter, options.op);
  if (total === 0) return;
  let done = 0;
  for (let pass = 1; ; pass++) {
    let changed = 0;
    await forEachBatch(runner, { find: collection, filter, projection: { _id: 1 }, batchSize: options.batchSize }, async (batch) => {
      const ids = batch.map((d) => d._id);
      const reply = await runCommand(runner, {
        update: collection,
        updates: [{ q: { $and: [{ _id: { $in: ids } }, filter] }, u: step.update as Document, multi: true }],
        ordered: true,
      }, { op: options.op });
      const n = typeof reply.nModified === 'number' ? reply.nModified : 0;
      changed += n;
      done += n;
      options.onProgress?.({ operation: options.op, table: collection, done, total: Math.max(total, done) });
    }, { op: options.op, batchSize: options.batchSize });
    const left = await countMatching(runner, collection, filter, options.op);
    if (left === 0) return;
    if (changed === 0 || pass >= MAX_PASSES) {
      throw backendError('mongodb', `${left} document(s) of ${collection} still need the ${options.op} change after ${pass} pass(es): their values could not be changed (written while the migration ran?)`,
        { op: options.op, collection, filter, left });
    }
    total = done + left;
  }
}
