import {
  contextFor, GENERIC_BACKEND_HINT, isTidemarkError, migrationFailed, TidemarkError,
  type BackendConnection, type HistoryRecord, type NativeStatement, type SchemaOperation,
} from '@tidemark/core';
import type { ReplayedMigration } from '../source/replay.js';
import type { EventSink } from './events.js';
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
  const step = async <T>(run: () => Promise<T>, skipped: T): Promise<T> => {
    if (calls < skip) { calls++; return skipped; }
    if (tracked) await record({ outcome: 'running', stepsApplied: calls });
    const result = await run();
    calls++;
    return result;
  };
  const context = contextFor({
    dialect: connection.dialect,
    apply: (operation: SchemaOperation) => step(() => connection.applier.apply(operation), undefined),
    execute: (statement: NativeStatement) => step(() => connection.applier.execute(statement), undefined as unknown),
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
    if (transactional) await connection.transaction(body);
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
