import { join } from 'node:path';
import { diffSnapshots, serializeSnapshot, TidemarkError, usageError, type Operation, type SchemaSnapshot } from '@tidemark/core';
import { readMigrationFiles } from '@tidemark/migrator';
import { generate, readModels, verifiedSchema } from '../generate/generate.js';
import { SCHEMA_FILE } from '../generate/read-schema-file.js';
import { writeFilesAtomic } from '../generate/write-files-atomic.js';

/** `BaselinePlanOptions` are the project's paths and the first migration's message. */
export interface BaselinePlanOptions {
  readonly cwd: string;
  readonly models: readonly string[];
  readonly migrations: string;
  readonly message: string;
  readonly now?: Date;
}

/** `BaselinePlan` is what `migrate:baseline` records, and the files it writes first (if any). */
export interface BaselinePlan {
  /** The schema the database must have: the models' (a first migration) or `.schema.json`'s. */
  readonly expected: SchemaSnapshot;
  /** The migrations to record as applied. */
  readonly ids: readonly string[];
  /** The first migration, when the folder had none: written by `write`, with `.schema.json`. */
  readonly created?: { readonly id: string; readonly file: string; readonly operations: readonly Operation[] };
  /** Writes the first migration and `.schema.json` together (atomically); nothing when the folder had migrations. */
  write(): Promise<void>;
}

/**
 * `planBaseline` decides what a baseline records. With no migrations, the first one is made from
 * the models exactly as `migrate:generate` would (every table created), with its `.schema.json`,
 * but not written yet. With migrations already there (the baseline was made on another database
 * of the project, and this one has the schema too), nothing is written: the database must have
 * the schema they end at, and every one of them is recorded; the models must have nothing left
 * to generate, since a baseline records the schema the migrations describe.
 */
export async function planBaseline(options: BaselinePlanOptions): Promise<BaselinePlan> {
  const dir = join(options.cwd, options.migrations);
  if ((await readMigrationFiles(dir)).length === 0) {
    const first = await generate({
      cwd: options.cwd, models: options.models, migrations: options.migrations, message: options.message,
      renames: { mode: 'none' }, dryRun: true, ...(options.now ? { now: options.now } : {}),
    });
    if (first.status === 'no-changes' || !first.id || !first.file || first.text === undefined) {
      throw usageError(`the models (${options.models.join(', ')}) define no tables: there is nothing to baseline`, 'write the models of the tables the database has (`tidemark migrate:pull` writes them from it), then run `tidemark migrate:baseline` again');
    }
    const text = first.text;
    return {
      expected: first.snapshot, ids: [first.id],
      created: { id: first.id, file: first.file, operations: first.operations },
      write: () => writeFilesAtomic(options.cwd, [
        { path: join(options.cwd, first.file!), text },
        { path: join(dir, SCHEMA_FILE), text: serializeSnapshot(first.snapshot) },
      ]),
    };
  }
  const { snapshot, ids } = await verifiedSchema(dir);
  const models = await readModels(options.cwd, options.models);
  const pending = await diffSnapshots(snapshot, models.snapshot, { hints: models.hints, renames: { mode: 'none' } });
  if (pending.length > 0) {
    throw new TidemarkError('TM_NOT_GENERATED', {
      message: `the models differ from ${join(options.migrations, SCHEMA_FILE)} (${pending.length} change(s)); a baseline records the schema the migrations describe`,
      hint: 'generate the migration first (`tidemark migrate:generate -m "..."`), or baseline before editing the models; nothing was written',
      details: { operations: pending },
    });
  }
  return { expected: snapshot, ids, write: async () => undefined };
}
