import { TidemarkError, unusableValue, type SchemaOperation } from '@tidemark/core';

/**
 * `schemaStepAfterDataRead` refuses a schema step the recording could not see: it comes after
 * the migration used a data step's result, where recording ends (docs/architecture.md,
 * "Recording"), so the dry run, the prechecks and the schema model of the migrations miss it.
 */
export function schemaStepAfterDataRead(id: string, operation: SchemaOperation, step: number): TidemarkError {
  return new TidemarkError('TM_MIGRATION_INVALID', {
    message: `${id} step ${step}: ${operation.kind} comes after the migration used the result of a data step, where Tidemark's recording of it ends; Tidemark cannot check or plan it`,
    hint: 'move the schema step before the code that reads data, or into the next migration (data steps whose result is not used, like `await db.backfill(…)`, may sit between schema steps)',
    details: { migration: id, step, operation: operation.kind },
  });
}

/**
 * `skippedResult` is what a data step already applied before a crash returns on resume (it is
 * not run again): using it stops the run, since the migration would act on a result it no
 * longer has.
 */
export function skippedResult<T extends object>(id: string): T {
  return unusableValue<T>(() => {
    throw new TidemarkError('TM_MIGRATION_INVALID', {
      message: `${id} cannot be resumed: it uses the result of a data step that ran before the interruption`,
      hint: `undo its applied steps instead (tidemark migrate:resolve ${id} --rolled-back after checking the data), then run migrate:up`,
      details: { migration: id },
    });
  });
}
