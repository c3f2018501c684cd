import { applyOperation, emptySnapshot, type Operation, type SchemaSnapshot } from '@tidemark/core';
import { loadBackend } from '../load-backend.js';

/** `PlannedStep` is one operation and the native statements it would run. */
export interface PlannedStep {
  readonly operation: Operation;
  readonly statements: readonly string[];
}

/**
 * `planStatements` renders operations held in memory for the backend a URL names, without
 * connecting: the SQL (or MongoDB commands, DynamoDB requests) each would run, in order, on a
 * database whose schema is `before` (default: empty), as `migrate:up --dry-run` prints them.
 * It loads the backend package but not its driver (docs/api.md).
 */
export async function planStatements(url: string, operations: readonly Operation[], before: SchemaSnapshot = emptySnapshot()): Promise<PlannedStep[]> {
  const backend = await loadBackend(url);
  // a statement that names its database (a MongoDB namespace) takes it from the URL's path
  const database = decodeURIComponent(new URL(url).pathname.split('/')[1] ?? '') || undefined;
  let schema = before;
  return operations.map((operation) => {
    const statements = backend.render(operation, schema, database ? { database } : {});
    schema = applyOperation(schema, operation);
    return { operation, statements };
  });
}
