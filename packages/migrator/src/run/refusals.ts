import { isTidemarkError, TidemarkError, type HistoryRecord } from '@tidemark/core';

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

