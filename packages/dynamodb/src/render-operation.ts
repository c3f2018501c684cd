import type { Operation, SchemaSnapshot } from '@tidemark/core';
import { planOperation } from './apply/plan-operation.js';
import { renderStatement } from './execute.js';
import { renderStep } from './render.js';

/**
 * `renderOperation` is the requests an operation (or a native statement) makes on a database
 * whose schema is `before`, as `--dry-run` prints them. The applier and `dynamodbBackend.render`
 * (planning without a connection) share it.
 */
export function renderOperation(operation: Operation, before: SchemaSnapshot): string[] {
  if (operation.kind === 'execute') return [renderStatement(operation.statement)];
  return planOperation(operation, before).steps.flatMap(renderStep);
}
