import type { DataResult } from '../data/data-value.js';
import type { DataChange, NativeStatement, Operation, SchemaOperation } from '../operation/operations.js';
import type { TidemarkError } from '../errors/tidemark-error.js';
import type { SchemaSnapshot } from '../snapshot/schema-snapshot.js';
import type { Capabilities, Dialect } from './capabilities.js';

/** `ProgressEvent` reports how far a long data step (a back-fill, a rewrite of every item) has got. */
export interface ProgressEvent {
  readonly operation: string;
  readonly table: string;
  /** Items or documents done so far. */
  readonly done: number;
  /** The total, when the backend knows it. */
  readonly total?: number;
}

/** `ProgressListener` receives progress events; it must not throw. */
export type ProgressListener = (event: ProgressEvent) => void;

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
  /**
   * `precheck` runs every data precheck of `operation` read-only against the live data, as `apply`
   * would just before its statements, and returns ALL failures (each a TidemarkError with code
   * TM_PRECHECK_FAILED whose details carry the check name, target, count and samples), or [] — it
   * never throws for a failing check, changes nothing, and takes no lock. It throws only when the
   * database cannot be read, or TM_UNSUPPORTED_OPERATION / the usual refusal when the operation does not fit the live schema.
   * The migrator runs it before a migration's first step for the steps whose data exists before it.
   */
  precheck(operation: SchemaOperation): Promise<readonly TidemarkError[]>;
  execute(statement: NativeStatement): Promise<unknown>;
  /**
   * `applyData` runs a data change (insert, update, back-fill) against the live schema: values
   * converted per column type (core's `normalizeValue`, then the backend's own form), conditions
   * rendered from core's `Predicate`. A back-fill reports progress to `onProgress` after each
   * batch and skips rows that already hold their values (so a rerun after a crash resumes).
   */
  applyData(change: DataChange): Promise<DataResult>;
  /**
   * `render` returns the native statements `apply` would run, for `--dry-run`, given the
   * schema just before the operation (as the migration files describe it).
   */
  render(operation: Operation, before: SchemaSnapshot): string[];
  /**
   * Backends whose data steps can run long (MongoDB, DynamoDB back-fills) report progress to
   * the listener set here; the migrator forwards it to the terminal. Optional.
   */
  onProgress?: ProgressListener | undefined;
  /**
   * `countAtRisk` counts, read-only, what a destructive step would lose, for the question asked
   * before it runs: the rows of `table`, or with `column` the rows where that column holds a
   * value (not NULL, or present). Optional: without it the question shows no count.
   */
  countAtRisk?(table: string, column?: string): Promise<number>;
}
