import type { ProgressListener } from '@tidemark/core';
import type { DynamoGateway } from '../gateway.js';
import { checkItems } from '../prechecks/run-check.js';
import { deleteTableMetadata, saveTableMetadata } from '../schema-store.js';
import { waitForIndexActive, waitForIndexGone, waitForTableActive, waitForTableGone, type WaitOptions } from '../wait.js';
import { copyItems, rewriteItems } from '../write-items.js';
import type { Step } from './step.js';

/** `StepContext` is what running steps needs: the client, how to wait, who hears progress. */
export interface StepContext {
  readonly db: DynamoGateway;
  readonly wait: WaitOptions;
  readonly onProgress?: ProgressListener | undefined;
  /** The operation the steps belong to, for errors and progress events. */
  readonly operation: string;
}

/**
 * `runStep` carries out one step and waits for what DynamoDB does in the background: a table or
 * index change is done only when DescribeTable says ACTIVE (or gone), and the next index change
 * on the same table would be refused before that.
 */
export async function runStep(step: Step, ctx: StepContext): Promise<void> {
  const { db, wait, operation } = ctx;
  switch (step.kind) {
    case 'check': {
      const [failure] = await checkItems(db, step.table, step.check);
      if (failure) throw failure;
      return;
    }
    case 'createTable':
      await db.send('CreateTable', step.input, { op: operation, table: step.input.TableName });
      await waitForTableActive(db, step.input.TableName!, wait, operation);
      return;
    case 'deleteTable':
      await db.send('DeleteTable', { TableName: step.table }, { op: operation, table: step.table });
      await waitForTableGone(db, step.table, wait, operation);
      return;
    case 'createIndex':
      // a table takes one index change at a time; an earlier one may still be finishing
      await waitForTableActive(db, step.table, wait, operation);
      await db.send('UpdateTable', {
        TableName: step.table, AttributeDefinitions: [...step.attributeDefinitions], GlobalSecondaryIndexUpdates: [{ Create: step.index }],
      }, { op: operation, table: step.table });
      await waitForIndexActive(db, step.table, step.index.IndexName!, wait, operation);
      return;
    case 'deleteIndex':
      await waitForTableActive(db, step.table, wait, operation);
      await db.send('UpdateTable', { TableName: step.table, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: step.index } }] }, { op: operation, table: step.table });
      await waitForIndexGone(db, step.table, step.index, wait, operation);
      return;
    case 'rewrite':
      await rewriteItems(db, { table: step.table, key: step.key, operation }, step.rewrite, ctx.onProgress);
      return;
    case 'copy':
      await copyItems(db, step.from, step.to, operation, ctx.onProgress);
      return;
    case 'saveMetadata':
      return saveTableMetadata(db, step.table);
    case 'deleteMetadata':
      return deleteTableMetadata(db, step.table);
  }
}

/** `runSteps` runs steps in order; the first failure stops the operation (steps before it stay done). */
export async function runSteps(steps: readonly Step[], ctx: StepContext): Promise<void> {
  for (const step of steps) await runStep(step, ctx);
}
