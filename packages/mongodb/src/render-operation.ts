import type { Operation, SchemaSnapshot } from '@tidemark/core';
import { planOperation } from './apply/plan-operation.js';
import { checkNativeCommand, commandTarget } from './execute.js';
import { renderPlan } from './render.js';

/**
 * `renderOperation` is the commands an operation (or a native command) runs on database
 * `databaseName` whose schema is `before`, as `--dry-run` prints them. The applier and
 * `mongodbBackend.render` (planning without a connection) share it.
 */
export function renderOperation(operation: Operation, before: SchemaSnapshot, databaseName: string, batchSize: number): string[] {
  if (operation.kind === 'execute') {
    const command = checkNativeCommand(operation.statement);
    return [`${commandTarget(command) === 'admin' ? 'admin: ' : ''}${JSON.stringify(command)}`];
  }
  return renderPlan(planOperation(operation, before, databaseName), batchSize);
}
