import { op } from '../operation/op.js';
import type { NativeStatement, Operation, SchemaOperation } from '../operation/operations.js';
import type { Dialect } from './capabilities.js';
import { contextFor } from './context-for.js';
import type { MigrationContext } from './migration-context.js';

/** `Recording` is a context that only collects what a migration would do. */
export interface Recording {
  readonly context: MigrationContext;
  readonly operations: readonly Operation[];
}

/**
 * `recordingContext` returns a `MigrationContext` that applies nothing and collects every
 * operation, `execute` included (which returns `undefined`).
 */
export function recordingContext(dialect: Dialect): Recording {
  const operations: Operation[] = [];
  const context = contextFor({
    dialect,
    apply: async (operation: SchemaOperation) => { operations.push(operation); },
    execute: async (statement: NativeStatement) => { operations.push(op.execute(statement)); return undefined; },
  });
  return { context, operations };
}
