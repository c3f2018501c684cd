import { applyOperation, emptySnapshot, isTidemarkError, TidemarkError, recordingContext, type Dialect, type Migration, type Operation, type SchemaSnapshot } from '@tidemark/core';
import type { MigrationLoader } from './load-migration.js';
import type { MigrationFile } from './migration-file.js';

/** `ReplayedMigration` is a migration with what its `up` records and the schema around it. */
export interface ReplayedMigration {
  readonly file: MigrationFile;
  readonly migration: Migration;
  readonly operations: readonly Operation[];
  readonly before: SchemaSnapshot;
  readonly after: SchemaSnapshot;
  /**
   * True when the recording ended where `up` used a data step's result: `operations` are the
   * steps up to there, and the live run refuses a schema step after them.
   */
  readonly recordingStopped: boolean;
}

/**
 * `replayMigrations` runs every migration's `up` against a recording context, in id order,
 * folding the recorded operations over the schema model. The recording of a migration ends where
 * it uses a data step's result; schema steps after that point are not seen here, so the live run
 * refuses them (`runMigration`). The migrator uses it to know the
 * schema before each migration (for checks, dry runs and `down`); the generator uses it to
 * verify `.schema.json`.
 */
export async function replayMigrations(files: readonly MigrationFile[], load: MigrationLoader, dialect: Dialect): Promise<ReplayedMigration[]> {
  const out: ReplayedMigration[] = [];
  let state = emptySnapshot();
  for (const file of files) {
    const migration = await load(file);
    const rec = recordingContext(dialect);
    await record(() => migration.up(rec.context), rec.stopped, file.path, 'up');
    const before = state;
    try {
      for (const op of rec.operations) state = applyOperation(state, op);
    } catch (err) {
      if (!isTidemarkError(err)) throw err;
      throw new TidemarkError(err.code, { message: `${file.path}: ${err.message}`, hint: err.hint, details: { ...err.details, file: file.path } });
    }
    out.push({ file, migration, operations: rec.operations, before, after: state, recordingStopped: rec.stopped() });
  }
  return out;
}

/** `recordDown` records what a migration's `down` does. */
export async function recordDown(migration: Migration, dialect: Dialect): Promise<readonly Operation[]> {
  const rec = recordingContext(dialect);
  await record(() => migration.down(rec.context), rec.stopped, migration.id, 'down');
  return rec.operations;
}

/**
 * Runs a migration's `up` or `down` against a recording context. Where the migration uses a data
 * step's result the recording ends (docs/architecture.md, "Recording"): whatever it throws from
 * then on is that end, not a failure. Any other throw happens before anything touched the
 * database: it names the migration instead of leaving as an internal error.
 */
async function record(run: () => Promise<void>, stopped: () => boolean, where: string, direction: 'up' | 'down'): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (stopped()) return;
    if (isTidemarkError(err)) {
      throw new TidemarkError(err.code, { message: `${where}: ${err.message}`, hint: err.hint, details: { ...err.details, file: where }, cause: err });
    }
    throw new TidemarkError('TM_MIGRATION_INVALID', {
      message: `${where}: ${direction}(db) threw while it was being checked, before anything ran: ${err instanceof Error ? err.message : String(err)}`,
      hint: 'Tidemark first records each migration without a database (docs/architecture.md, "Recording"): the code before its first use of a data step\'s result runs then, so it must not depend on the database or throw',
      details: { file: where, direction },
      cause: err,
    });
  }
}
