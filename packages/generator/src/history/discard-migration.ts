import { readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { emptySnapshot, ioError, serializeSnapshot, usageError } from '@tidemark/core';
import { loadMigration, readMigrationFiles, replayMigrations, requireMigrationsFolder, type MigrationLoader } from '@tidemark/migrator';
import { verifiedSchema } from '../generate/generate.js';
import { SCHEMA_FILE } from '../generate/read-schema-file.js';
import { writeFileAtomic } from '../generate/write-file-atomic.js';
import { dressLike } from './dress-snapshot.js';

/** `DiscardOptions` are the project's paths. */
export interface DiscardOptions {
  readonly cwd: string;
  readonly migrations: string;
  readonly load?: MigrationLoader;
}

/** `DiscardPlan` is the newest migration and `.schema.json` as it was before it; `apply` makes it so. */
export interface DiscardPlan {
  readonly id: string;
  /** The migration file, relative to `cwd`. */
  readonly file: string;
  apply(): Promise<void>;
}

/**
 * `planDiscard` takes back the newest migration (`migrate:discard`): its file goes, and
 * `.schema.json` becomes the schema the remaining files produce, dressed with the model names
 * and column order of the snapshot it replaces. The folder must agree with its snapshot first
 * (`verifiedSchema`). A squashed migration is refused: taking it back would lose its whole run.
 * Whether a database applied it is the caller's check (the CLI asks the configured one), made
 * before `apply`.
 */
export async function planDiscard(options: DiscardOptions): Promise<DiscardPlan> {
  const load = options.load ?? loadMigration;
  const dir = join(options.cwd, options.migrations);
  await requireMigrationsFolder(dir);
  const { snapshot: current } = await verifiedSchema(dir, load);
  const files = await readMigrationFiles(dir);
  const newest = files.at(-1);
  if (!newest) throw usageError(`${options.migrations} holds no migrations: there is nothing to discard`, 'generate one with `tidemark migrate:generate -m "..."`');
  if (newest.replaces) {
    throw usageError(`${newest.id} is a squash of ${newest.replaces.length} migrations; discarding it would lose the whole run`, 'restore the squashed files from version control instead (`git checkout` the commit before the squash)');
  }
  const rest = files.slice(0, -1);
  const before = (await replayMigrations(rest, load, 'sqlite')).at(-1)?.after ?? emptySnapshot();
  const snapshotText = serializeSnapshot(dressLike(before, current));
  const schemaPath = join(dir, SCHEMA_FILE);
  const file = relative(options.cwd, newest.path);
  return {
    id: newest.id,
    file,
    apply: async () => {
      const text = await readFile(newest.path, 'utf8');
      // the migration goes first: a snapshot that could not be written puts it back, so the
      // folder never holds a migration its snapshot does not include
      await rm(newest.path).catch((err: unknown) => { throw ioError('write', file, err, '; nothing was changed'); });
      try {
        if (rest.length === 0) await rm(schemaPath, { force: true });
        else await writeFileAtomic(schemaPath, snapshotText);
      } catch (err) {
        await writeFileAtomic(newest.path, text);
        throw ioError('write', relative(options.cwd, schemaPath), err, '; nothing was changed');
      }
    },
  };
}
