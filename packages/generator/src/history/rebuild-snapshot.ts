import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { emptySnapshot, ioError, isTidemarkError, serializeSnapshot, type SchemaSnapshot } from '@tidemark/core';
import { findFork, loadMigration, readMigrationFiles, replayMigrations, requireMigrationsFolder, type MigrationLoader } from '@tidemark/migrator';
import { readModels } from '../generate/generate.js';
import { SCHEMA_FILE } from '../generate/read-schema-file.js';
import { writeFileAtomic } from '../generate/write-file-atomic.js';
import { dressLike } from './dress-snapshot.js';

/** `RebuildOptions` are the project's paths. */
export interface RebuildOptions {
  readonly cwd: string;
  readonly models: readonly string[];
  readonly migrations: string;
  readonly load?: MigrationLoader;
}

/** `RebuildResult` says whether `.schema.json` was written and what it was made from. */
export interface RebuildResult {
  readonly status: 'written' | 'unchanged';
  /** `.schema.json`, relative to `cwd`. */
  readonly file: string;
  readonly migrations: number;
  /** Whether the model names and column order came from the models (they did not read, or describe another schema). */
  readonly dressedFromModels: boolean;
}

async function readModelsIfTheyRead(cwd: string, globs: readonly string[]): Promise<SchemaSnapshot | undefined> {
  try {
    return (await readModels(cwd, globs)).snapshot;
  } catch (err) {
    if (isTidemarkError(err)) return undefined; // the files alone decide the schema; the models only dress it
    throw err;
  }
}

/**
 * `rebuildSnapshot` writes `.schema.json` from the migration files (`migrate:snapshot
 * --rebuild`): the replay of every file, in id order, is the schema; the models only lend it
 * their model names and column order (`dressLike`), which the files do not record. It is how a
 * deleted, damaged or hand-edited snapshot is recovered; Tidemark never does it on its own.
 * A fork between the files is refused, as `generate` refuses it.
 */
export async function rebuildSnapshot(options: RebuildOptions): Promise<RebuildResult> {
  const dir = join(options.cwd, options.migrations);
  await requireMigrationsFolder(dir);
  const files = await readMigrationFiles(dir);
  const fork = await findFork(files);
  if (fork) throw fork;
  const replayed = await replayMigrations(files, options.load ?? loadMigration, 'sqlite');
  const plain = replayed.at(-1)?.after ?? emptySnapshot();
  const models = await readModelsIfTheyRead(options.cwd, options.models);
  const text = serializeSnapshot(dressLike(plain, models));
  const path = join(dir, SCHEMA_FILE);
  const file = relative(options.cwd, path);
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === text) return { status: 'unchanged', file, migrations: files.length, dressedFromModels: models !== undefined };
  await writeFileAtomic(path, text).catch((err: unknown) => { throw ioError('write', file, err); });
  return { status: 'written', file, migrations: files.length, dressedFromModels: models !== undefined };
}
