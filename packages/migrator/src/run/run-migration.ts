import {
  contextFor, GENERIC_BACKEND_HINT, isTidemarkError, migrationFailed, TidemarkError,
  type BackendConnection, type DataChange, type DataResult, type HistoryRecord, type NativeStatement, type SchemaOperation,
} from '@tidemark/core';
import { schemaStepAfterDataRead, skippedResult } from './data-steps.js';
import type { ReplayedMigration } from '../source/replay.js';
import type { EventSink } from './events.js';
import { retryOnLockTimeout, type LockRetry, type LockRetryPolicy } from './lock-retry.js';
import { decideInterrupted } from './unsettled.js';
import type { StepCheck } from './migration-plan.js';
import { prechecksFailed, runPrechecksAhead } from './prechecks-ahead.js';

/** `RunContext` is what running a migration needs from the migrator. */
export interface RunContext {
  readonly connection: BackendConnection;
  readonly emit: EventSink;
  readonly appliedBy: string;
}

/** `RunOptions` refine one run of a migration's `up`. */
export interface RunOptions {
  /** Steps already in the database (a resumed migration): the context skips that many calls. */
  readonly skip?: number;
  /** The recorded `up` steps with the schema before each: their prechecks run before the first step. */
  readonly steps?: readonly StepCheck[];
  /**
   * Lock timeouts are retried: the whole migration where it runs in a transaction (everything
   * was rolled back, every lock let go), else the one schema step, once the live schema shows it
   * did not take effect. A native statement without a transaction is never retried.
   */
  readonly lockRetries?: LockRetryPolicy;
}

/**
 * `runMigration` runs one direction of one migration for real, inside the backend's transaction
 * unless the backend has no transactional DDL or the migration opts out. `finish` (the history
 * write) runs inside the same transaction.
 *
 * Without a transaction, every `up` step is preceded by a `running` record saying how many steps
 * are done, so a run killed part-way leaves the step it was in (see docs/failure-recovery.md);
 * a failure records how many steps stay applied and which step failed. With `skip`, the first
 * `skip` calls of `up` are not run again (resume). Data prechecks that read only data from before
 * the migration run first, all of them, so a refused migration changes nothing.
 */
export async function runMigration(ctx: RunContext, replayed: ReplayedMigration, direction: 'up' | 'down', finish: () => Promise<void>, options: RunOptions = {}): Promise<void> {
  const { connection, emit, appliedBy } = ctx;
  const { migration, file } = replayed;
  const skip = direction === 'up' ? options.skip ?? 0 : 0;
  const transactional = connection.capabilities.transactionalDdl && migration.transaction !== false;
  const tracked = direction === 'up' && !transactional;
  const started = performance.now();
  const record = (fields: Pick<HistoryRecord, 'outcome' | 'stepsApplied' | 'failedStep' | 'error'>): Promise<void> => connection.history.save({
    id: file.id, checksum: file.checksum, appliedAt: new Date().toISOString(),
    executionMs: Math.round(performance.now() - started), appliedBy, ...fields,
  });
  /** Calls of the migration's context so far: skipped, applied or in progress. */
  let calls = 0;
  const policy = options.lockRetries ?? {};
  const retried = (retry: LockRetry, step?: number): void => emit({
    type: 'lock-retry', id: file.id, attempt: retry.attempt, retries: retry.retries, delayMs: retry.delayMs,
    message: retry.error.message, ...(step !== undefined ? { step } : {}),
  });
  /** Whether step k+1 (0-based k) left the schema as it was: then running it again is safe. */
  const stepLeftNoTrace = async (k: number): Promise<boolean> => {
    try {
      return await decideInterrupted({ id: file.id, checksum: file.checksum, appliedAt: '', executionMs: 0, appliedBy, outcome: 'running', stepsApplied: k }, replayed, connection) === k;
    } catch {
      return false;
    }
  };
  const step = async <T>(run: () => Promise<T>, skipped: T, rerunnable: boolean): Promise<T> => {
    if (calls < skip) { calls++; return skipped; }
    if (tracked) await record({ outcome: 'running', stepsApplied: calls });
    const k = calls;
    const result = tracked && rerunnable ? await retryOnLockTimeout(policy, run, () => stepLeftNoTrace(k), (r) => retried(r, k + 1)) : await run();
    calls++;
    return result;
  };
  const unrecorded = (operation: SchemaOperation): void => {
    if (direction === 'up' && replayed.recordingStopped && calls >= replayed.operations.length) {
      throw schemaStepAfterDataRead(file.id, operation, calls + 1);
    }
  };
  const context = contextFor({
    dialect: connection.dialect,
    apply: async (operation: SchemaOperation) => { unrecorded(operation); return step(() => connection.applier.apply(operation), undefined, true); },
    // a step skipped on resume did not run now: code that uses its result cannot be resumed;
    // data steps and native statements are never retried on a lock timeout (they may have written)
    execute: (statement: NativeStatement) => step(() => connection.applier.execute(statement), skippedResult(file.id), false),
    data: (change: DataChange) => step(() => connection.applier.applyData(change), skippedResult<DataResult>(file.id), false),
  });
  emit({ type: 'applying', id: file.id, direction, ...(skip > 0 ? { resumeAt: skip + 1 } : {}) });
  const body = async (): Promise<void> => {
    await (direction === 'up' ? migration.up(context) : migration.down(context));
    await finish();
  };
  if (direction === 'up' && options.steps) {
    const failures = await runPrechecksAhead(connection.applier, options.steps, skip);
    if (failures.length > 0) {
      const refused = prechecksFailed(file.id, failures, skip);
      await record({ outcome: 'failed', stepsApplied: skip, failedStep: failures[0]!.step, error: refused.message }).catch(() => undefined);
      throw refused;
    }
  }
  // NoSQL back-fills can take minutes: their progress goes to the same sink as everything else
  const applier = connection.applier;
  const previousListener = applier.onProgress;
  applier.onProgress = (progress) => emit({ type: 'progress', id: file.id, progress });
  try {
    // in a transaction a lock timeout rolled everything back and let every lock go: the whole migration runs again
    if (transactional) await retryOnLockTimeout(policy, () => { calls = 0; return connection.transaction(body); }, async () => true, (r) => retried(r));
    else await body();
  } catch (err) {
    const kept = transactional ? 0 : Math.max(calls, skip);
    const failedStep = Math.max(calls, skip) + 1;
    if (direction === 'up') {
      // the database may be what failed: the original error matters more than this record
      await record({ outcome: 'failed', stepsApplied: kept, failedStep, error: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
    }
    if (isTidemarkError(err)) {
      // a statement the database refused is the migration's to fix, at that step: say where
      const hint = err.code === 'TM_BACKEND_ERROR' && err.hint === GENERIC_BACKEND_HINT
        ? `the database refused step ${failedStep} of ${direction === 'up' ? 'up' : 'down'} in ${file.path}: fix that statement (or the data it needs), then run again`
        : err.hint;
      throw new TidemarkError(err.code, {
        message: `${file.id} (${direction}) step ${failedStep}: ${err.message}`,
        hint: transactional ? `${hint}; nothing of ${file.id} was kept (it ran in a transaction)` : hint,
        details: { ...err.details, migration: file.id, step: failedStep, stepsApplied: kept, transactional },
        cause: err.cause ?? err,
      });
    }
    throw migrationFailed(file.id, failedStep, err, [], transactional);
  } finally {
    applier.onProgress = previousListener;
  }
  emit({ type: 'applied', id: file.id, direction, ms: Math.round(performance.now() - started) });
}
