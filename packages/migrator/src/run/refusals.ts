import { isTidemarkError, TidemarkError, type HistoryRecord, type Operation } from '@tidemark/core';
import type { ReplayedMigration } from '../source/replay.js';

/** `unknownId` reports a migration id the command line named that does not fit. @internal */
export function unknownId(id: string, problem = 'is not a migration in the migrations folder'): TidemarkError {
  return new TidemarkError('TM_USAGE', { message: `${id} ${problem}`, hint: 'run `tidemark migrate:status` to see the ids', details: { id } });
}

/** `refusePartialFailures`: a migration that failed part-way on a backend without transactional DDL needs a person. @internal */
export function refusePartialFailures(records: readonly HistoryRecord[]): void {
  const partial = records.find((r) => r.outcome === 'failed' && (r.stepsApplied ?? 0) > 0);
  if (partial) {
    throw new TidemarkError('TM_MIGRATION_FAILED', {
      message: `${partial.id} failed after ${partial.stepsApplied} of its steps were applied (${partial.error ?? 'unknown error'})`,
      hint: `bring the database to the state before or after ${partial.id} by hand, then record it with \`tidemark migrate:repair ${partial.id}\``,
      details: { id: partial.id, stepsApplied: partial.stepsApplied },
    });
  }
}

/** `withApplied` adds the migrations a failed run had finished to its error. @internal */
export function withApplied(err: unknown, done: readonly string[]): unknown {
  if (isTidemarkError(err)) {
    return new TidemarkError(err.code, { message: err.message, hint: err.hint, details: { ...err.details, applied: [...done] }, cause: err.cause });
  }
  return err;
}


/**
 * `refuseConcurrentInTransaction`: CREATE INDEX CONCURRENTLY cannot run inside a transaction, so a
 * migration that asks for it and would run in one is refused before anything runs (not at that
 * step, after the migrations before it were applied). @internal
 */
export function refuseConcurrentInTransaction(replayed: ReplayedMigration, operations: readonly Operation[], transactionalDdl: boolean): void {
  if (!transactionalDdl || replayed.migration.transaction === false) return;
  const concurrent = operations.find((o) => o.kind === 'createIndex' && o.concurrently);
  if (concurrent?.kind === 'createIndex') {
    throw new TidemarkError('TM_UNSUPPORTED_OPERATION', {
      message: `index ${concurrent.index.name} is built CONCURRENTLY, which cannot run inside the migration's transaction`,
      hint: 'add `transaction: false,` to the migration (migrate:generate does this for @Index({ concurrently: true })), or drop the { concurrently: true } option',
      details: { index: concurrent.index.name, table: concurrent.table },
    });
  }
}
