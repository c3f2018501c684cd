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
}

/**
 * `replayMigrations` runs every migration's `up` against a recording context, in id order,
 * folding the recorded operations over the schema model. The migrator uses it to know the
 * schema before each migration (for checks, dry runs and `down`); the generator uses it to
 * verify `.schema.json`.
 */
export async function replayMigrations(files: readonly MigrationFile[], load: MigrationLoader, dialect: Dialect): Promise<ReplayedMigration[]> {
  const out: ReplayedMigration[] = [];
  let state = emptySnapshot();
  for (const file of files) {
    const migration = await load(file);
    const rec = recordingContext(dialect);
    await record(() => migration.up(rec.context), file.path, 'up');
    const before = state;
    try {
      for (const op of rec.operations) state = applyOperation(state, op);
    } catch (err) {
      if (!isTidemarkError(err)) throw err;
      throw new TidemarkError(err.code, { message: `${file.path}: ${err.message}`, hint: err.hint, details: { ...err.details, file: file.path } });
    }
    out.push({ file, migration, operations: rec.operations, before, after: state });
  }
  return out;
}

/** `recordDown` records what a migration's `down` does. */
export async function recordDown(migration: Migration, dialect: Dialect): Promise<readonly Operation[]> {
  const rec = recordingContext(dialect);
  await record(() => migration.down(rec.context), migration.id, 'down');
  return rec.operations;
}

/**
 * Runs a migration's `up` or `down` against a recording context. A throw there happens before
 * anything touched the database: it names the migration instead of leaving as an internal error.
 */
async function record(run: () => Promise<void>, where: string, direction: 'up' | 'down'): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (isTidemarkError(err)) {
      throw new TidemarkError(err.code, { message: `${where}: ${err.message}`, hint: err.hint, details: { ...err.details, file: where }, cause: err });
    }
    throw new TidemarkError('TM_MIGRATION_INVALID', {
      message: `${where}: ${direction}(db) threw while it was being checked, before anything ran: ${err instanceof Error ? err.message : String(err)}`,
      hint: 'Tidemark first runs each migration against a recording context, where db.execute returns undefined; make the migration work with that (e.g. `(await db.execute(sql)) ?? []`)',
      details: { file: where, direction },
      cause: err,
    });
  }
}
