import {
  contextFor, isTidemarkError, migrationFailed, TidemarkError,
  type BackendConnection, type SchemaOperation,
} from '@tidemark/core';
import type { ReplayedMigration } from '../source/replay.js';
import type { EventSink } from './events.js';

/** `RunContext` is what running a migration needs from the migrator. */
export interface RunContext {
  readonly connection: BackendConnection;
  readonly emit: EventSink;
  readonly appliedBy: string;
}

/**
 * `runMigration` runs one direction of one migration for real, against a live context that
 * counts the steps it applies, inside the backend's transaction unless the backend has no
 * transactional DDL or the migration opts out. `finish` (the history write) runs inside the same
 * transaction. A failed `up` is recorded with how many steps stayed applied; every failure is
 * rethrown naming the migration and the step.
 */
export async function runMigration(ctx: RunContext, replayed: ReplayedMigration, direction: 'up' | 'down', finish: () => Promise<void>): Promise<void> {
  const { connection, emit, appliedBy } = ctx;
  const { migration, file } = replayed;
  let steps = 0;
  const context = contextFor({
    dialect: connection.dialect,
    apply: async (operation: SchemaOperation) => { await connection.applier.apply(operation); steps++; },
    execute: async (statement) => { const r = await connection.applier.execute(statement); steps++; return r; },
  });
  const transactional = connection.capabilities.transactionalDdl && migration.transaction !== false;
  emit({ type: 'applying', id: file.id, direction });
  const started = performance.now();
  const body = async (): Promise<void> => {
    await (direction === 'up' ? migration.up(context) : migration.down(context));
    await finish();
  };
  // NoSQL back-fills can take minutes: their progress goes to the same sink as everything else
  const applier = connection.applier;
  const previousListener = applier.onProgress;
  applier.onProgress = (progress) => emit({ type: 'progress', id: file.id, progress });
  try {
    if (transactional) await connection.transaction(body);
    else await body();
  } catch (err) {
    if (direction === 'up') {
      await connection.history.save({
        id: file.id, checksum: file.checksum, appliedAt: new Date().toISOString(),
        executionMs: Math.round(performance.now() - started), appliedBy, outcome: 'failed',
        stepsApplied: transactional ? 0 : steps, error: err instanceof Error ? err.message : String(err),
      });
    }
    if (isTidemarkError(err)) {
      throw new TidemarkError(err.code, {
        message: `${file.id} (${direction}) step ${steps + 1}: ${err.message}`,
        hint: transactional ? `${err.hint}; nothing of ${file.id} was kept (it ran in a transaction)` : err.hint,
        details: { ...err.details, migration: file.id, step: steps + 1, stepsApplied: transactional ? 0 : steps, transactional },
        cause: err.cause ?? err,
      });
    }
    throw migrationFailed(file.id, steps + 1, err, [], transactional);
  } finally {
    applier.onProgress = previousListener;
  }
  emit({ type: 'applied', id: file.id, direction, ms: Math.round(performance.now() - started) });
}
