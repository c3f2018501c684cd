import { describeDataChange, isDataChange, type Operation, type SchemaSnapshot } from '@tidemark/core';
import { planOperation } from './apply/plan-operation.js';
import type { MongoPlan } from './apply/plan.js';
import { checkNativeCommand, commandTarget } from './execute.js';

/**
 * `renderOperation` returns the commands `apply` (or `execute`) would run for `operation` on
 * database `databaseName` whose schema is `before`: what `--dry-run` prints, and what
 * `mongodbBackend.render` gives without a connection.
 */
export function renderOperation(operation: Operation, before: SchemaSnapshot, databaseName: string, batchSize: number): string[] {
  if (operation.kind === 'execute') {
    const command = checkNativeCommand(operation.statement);
    return [`${commandTarget(command) === 'admin' ? 'admin: ' : ''}${JSON.stringify(command)}`];
  }
  if (isDataChange(operation)) return [`// ${describeDataChange(operation)}`];
  return renderPlan(planOperation(operation, before, databaseName), batchSize);
}

/**
 * `renderPlan` prints what a plan runs, one line per command, as `--dry-run` shows it: the
 * command in Extended JSON (canonical key order, so the same plan always prints the same text),
 * `admin:` before a command that runs on the admin database, and the batched `update` a rewrite
 * sends. Prechecks only read and are not printed.
 */
export function renderPlan(plan: MongoPlan, batchSize: number): string[] {
  return plan.steps.map((step) => {
    if (step.kind === 'command') return `${step.target === 'admin' ? 'admin: ' : ''}${JSON.stringify(step.command)}`;
    const update = { update: step.collection, updates: [{ q: step.filter, u: step.update, multi: true }] };
    const how = step.purpose === 'catch-up'
      ? 'again for documents written meanwhile'
      : `in batches of ${batchSize} documents by _id`;
    return `${JSON.stringify(update)} (${how})`;
  });
}
