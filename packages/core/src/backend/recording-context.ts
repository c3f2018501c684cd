import type { DataResult } from '../data/data-value.js';
import { op } from '../operation/op.js';
import type { DataChange, NativeStatement, Operation, SchemaOperation } from '../operation/operations.js';
import type { Dialect } from './capabilities.js';
import { contextFor } from './context-for.js';
import type { MigrationContext } from './migration-context.js';
import { unusableValue } from './recorded-value.js';

/** `Recording` is a context that only collects what a migration would do. */
export interface Recording {
  readonly context: MigrationContext;
  readonly operations: readonly Operation[];
  /**
   * True once the migration used the result of a data step: the recording ended there, and
   * whatever the migration did after it (and threw) belongs to the live run only.
   */
  readonly stopped: () => boolean;
}

/** `RecordingStopped` is thrown into a recorded migration where it uses a data step's result. */
export class RecordingStopped extends Error {
  constructor() {
    super('the recording of this migration ended where it used the result of a data step (this is not an error)');
    this.name = 'RecordingStopped';
  }
}

/**
 * `recordingContext` returns a `MigrationContext` that applies nothing and collects every
 * operation (docs/architecture.md, "Recording"). Schema steps are collected. Data steps
 * (`execute`, `insert`, `update`, `backfill`) are collected and return a value that ends the
 * recording when the migration uses it: a loop over `execute`'s rows, or anything after reading
 * `.rows`, never runs without a database, so it runs once, in the live run. After the end, every
 * call throws again (a migration that caught the first throw cannot record past it).
 */
export function recordingContext(dialect: Dialect): Recording {
  const operations: Operation[] = [];
  let stopped = false;
  const stop = (): never => {
    stopped = true;
    throw new RecordingStopped();
  };
  const record = async <T extends object>(operation: Operation, result: () => T): Promise<T> => {
    if (stopped) stop();
    operations.push(operation);
    return result();
  };
  const context = contextFor({
    dialect,
    apply: async (operation: SchemaOperation) => { await record(operation, () => ({})); },
    execute: (statement: NativeStatement) => record(op.execute(statement), () => unusableValue<object>(stop)),
    data: (change: DataChange) => record(change, () => unusableValue<DataResult>(stop)),
  });
  return { context, operations, stopped: () => stopped };
}
