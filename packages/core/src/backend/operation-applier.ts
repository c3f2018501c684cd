import type { NativeStatement, Operation, SchemaOperation } from '../operation/operations.js';
import type { SchemaSnapshot } from '../snapshot/schema-snapshot.js';
import type { Capabilities, Dialect } from './capabilities.js';

/**
 * `OperationApplier` is what each backend implements: one `apply` for every operation kind.
 * `apply` MUST run the operation's data prechecks (NULLs before NOT NULL, duplicates before a
 * unique index, values that do not fit before a narrowing change) and then apply all of the
 * operation, or throw a TidemarkError and leave the operation unapplied where the backend can.
 * An operation the backend cannot express MUST be refused with TM_UNSUPPORTED_OPERATION.
 */
export interface OperationApplier {
  readonly dialect: Dialect;
  readonly capabilities: Capabilities;
  apply(operation: SchemaOperation): Promise<void>;
  execute(statement: NativeStatement): Promise<unknown>;
  /**
   * `render` returns the native statements `apply` would run, for `--dry-run`, given the
   * schema just before the operation (as the migration files describe it).
   */
  render(operation: Operation, before: SchemaSnapshot): string[];
}
