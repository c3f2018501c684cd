import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  buildSnapshot, checkCapabilities, isTidemarkError, renameAmbiguous, type AmbiguousRenames, comparableSnapshot, diffSnapshots, hashSnapshot, serializeSnapshot, snapshotDrift, usageError,
  type BuiltSchema, type Capabilities, type ModelDescription, type Dialect, type Operation, type RenameHints, type RenamePolicy, type SchemaSnapshot, type Warning,
} from '@tidemark/core';
import { findFork, loadMigration, readMigrationFiles, replayMigrations, type MigrationLoader } from '@tidemark/migrator';
import { defaultMessage } from '../codegen/default-message.js';
import { newMigrationId } from '../codegen/migration-id.js';
import { renderMigration } from '../codegen/render-migration.js';
import { findModelFiles, readModelFiles } from '../read/index.js';
import { FileTexts } from '../read/file-texts.js';
import { cacheDirectory } from '../cache/cache-location.js';
import { ModelCache } from '../cache/model-cache.js';
import { ReplayCache } from '../cache/replay-cache.js';
import { readSchemaFile, SCHEMA_FILE } from './read-schema-file.js';
import { checkModelHints } from './check-model-hints.js';
import { checkRenameFlags } from './check-rename-flags.js';
import { nameModelSource } from './name-model-source.js';
import { writeFilesAtomic } from './write-files-atomic.js';

/** `GenerateOptions` are the inputs of `migrate:generate`. */
export interface GenerateOptions {
  readonly cwd: string;
  /** Globs of model files, relative to `cwd`. */
  readonly models: readonly string[];
  /** The migrations folder, relative to `cwd`. */
  readonly migrations: string;
  /** What the migration does; it names the file. Without it, the name comes from the changes (`defaultMessage`). */
  readonly message?: string;
  /** Write a blank migration for hand-written changes. */
  readonly empty?: boolean;
  /** Return the migration without writing anything. */
  readonly dryRun?: boolean;
  /** What to do with a removed+added pair no hint resolves (default: refuse). */
  readonly renames?: RenamePolicy;
  /** Renames given on the command line (`--rename old=new`, `--rename table.old=new`). */
  readonly renameHints?: RenameHints;
  readonly now?: Date;
  readonly load?: MigrationLoader;
  /**
   * The backend the migrations will run on (from the URL), when known: a step it cannot carry
   * out (a key change on DynamoDB, a unique index it cannot enforce) is refused now, with what to
   * do instead, rather than at `migrate:up`.
   */
  readonly target?: { readonly dialect: Dialect; readonly capabilities: Capabilities };
}

/** `GenerateResult` says what `migrate:generate` did. */
export interface GenerateResult {
  readonly status: 'no-changes' | 'written' | 'dry-run';
  readonly id?: string;
  /** The migration file, relative to `cwd`. */
  readonly file?: string;
  readonly text?: string;
  readonly operations: readonly Operation[];
  readonly warnings: readonly Warning[];
  readonly snapshot: SchemaSnapshot;
}

/**
 * `verifiedSchema` reads `.schema.json` and checks that the migration files produce it
 * (TM_SNAPSHOT_DRIFT otherwise) and do not fork (TM_MIGRATION_FORK). With a cache folder, the
 * replay's result is kept under the files' checksums, so unchanged migrations are not replayed.
 */
export async function verifiedSchema(
  dir: string, load: MigrationLoader = loadMigration, cache: string | undefined = undefined,
): Promise<{ snapshot: SchemaSnapshot; ids: string[] }> {
  const files = await readMigrationFiles(dir);
  const fork = await findFork(files);
  if (fork) throw fork;
  const path = join(dir, SCHEMA_FILE);
  const snapshot = await readSchemaFile(path, files.length > 0);
  if (files.length > 0) {
    const replays = cache === undefined ? undefined : new ReplayCache(cache, dir);
    let expected = replays?.lookup(files);
    if (expected === undefined) {
      const replayed = await replayMigrations(files, load, 'sqlite');
      // Compared without model names and column order: migration files record neither
      // (createTable does not name the class; addColumn appends, as ALTER TABLE does).
      expected = await hashSnapshot(comparableSnapshot(replayed.at(-1)!.after));
      replays?.store(files, expected);
    }
    const actual = await hashSnapshot(comparableSnapshot(snapshot));
    if (expected !== actual) throw snapshotDrift(path, expected, actual);
  }
  return { snapshot, ids: files.map((f) => f.id) };
}

/**
 * `readModels` reads the model files named by the globs and builds their snapshot. With a cache
 * folder (default: `cacheDirectory(cwd)`; `null` for none), a model file whose text and
 * dependencies are unchanged since the last read is not parsed again.
 */
export async function readModels(
  cwd: string, globs: readonly string[], cache: string | null = cacheDirectory(cwd) ?? null,
): Promise<BuiltSchema & { readonly models: readonly ModelDescription[] }> {
  const files = await findModelFiles(cwd, [...globs]);
  if (files.length === 0) {
    throw usageError(`no model files match ${globs.join(', ')} (in ${cwd})`, 'fix "models" in tidemark.config.json');
  }
  const texts = new FileTexts();
  const models = cache === null ? readModelFiles(files, { cwd, texts }) : readModelsCached(files, cwd, cache, texts);
  return { ...buildSnapshot(models), models };
}

function readModelsCached(files: readonly string[], cwd: string, directory: string, texts: FileTexts): ModelDescription[] {
  const cache = new ModelCache(directory, cwd, texts);
  const models = readModelFiles(files, { cwd, texts, cache });
  cache.save(new Set(files));
  return models;
}

/**
 * `markConcurrent` asks for CREATE INDEX CONCURRENTLY on the indexes the models mark so. Only
 * an index added to an existing table is built on its own; one in `createTable` is built with
 * the (empty) table.
 */
function markConcurrent(operations: readonly Operation[], concurrent: BuiltSchema['concurrentIndexes']): Operation[] {
  return operations.map((o) => (o.kind === 'createIndex' && concurrent.some((c) => c.table === o.table && c.index === o.index.name)
    ? { ...o, concurrently: true } : o));
}

/** TM_RENAME_AMBIGUOUS again, with this run's `--rename` flags in its ready-to-paste line. */
function withGivenFlags(err: unknown, given: RenameHints | undefined): unknown {
  if (!given || !isTidemarkError(err, 'TM_RENAME_AMBIGUOUS')) return err;
  const flags = [...given.tables.map((t) => `--rename ${t.from}=${t.to}`), ...given.columns.map((c) => `--rename ${c.table}.${c.from}=${c.to}`)];
  return renameAmbiguous(err.details.unsettled as AmbiguousRenames[], flags);
}

/**
 * `generate` diffs the models against `.schema.json` and writes one migration plus the new
 * snapshot (both atomically), or nothing when nothing changed. Bad input of any kind throws
 * before anything is written.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  if (options.message === undefined && options.empty) {
    throw usageError('a blank migration (--empty) needs a name: it has no changes to name it after', 'add -m "what it does", e.g. -m "backfill user names"');
  }
  const dir = join(options.cwd, options.migrations);
  const cache = cacheDirectory(options.cwd);
  const { snapshot: prev, ids } = await verifiedSchema(dir, options.load, cache);
  const built = await readModels(options.cwd, options.models, cache ?? null);
  const tableRenames = [...(options.renameHints?.tables ?? []), ...built.hints.tables];
  if (options.renameHints) checkRenameFlags(options.renameHints, prev, built.snapshot, tableRenames);
  checkModelHints(built.models, prev, tableRenames);
  const hints: RenameHints = {
    tables: [...(options.renameHints?.tables ?? []), ...built.hints.tables],
    columns: [...(options.renameHints?.columns ?? []), ...built.hints.columns],
  };
  const diffed = options.empty ? [] : await diffSnapshots(prev, built.snapshot, { hints, ...(options.renames ? { renames: options.renames } : {}) })
    .catch((err: unknown) => { throw withGivenFlags(err, options.renameHints); });
  const operations = markConcurrent(diffed, built.concurrentIndexes);
  if (options.target) {
    try { checkCapabilities(options.target.dialect, options.target.capabilities, operations, prev); } catch (err) { throw nameModelSource(err, built); }
  }
  const next = options.empty ? prev : built.snapshot;
  if (operations.length === 0 && !options.empty) return { status: 'no-changes', operations, warnings: [], snapshot: prev };

  const message = options.message ?? defaultMessage(operations);
  const id = newMigrationId(message, options.now ?? new Date(), ids);
  const rendered = renderMigration({
    id, message, operations, before: prev,
    header: { from: await hashSnapshot(prev), to: await hashSnapshot(next) },
  });
  const path = join(dir, `${id}.ts`);
  const file = relative(options.cwd, path);
  const result = { id, file, text: rendered.text, operations, warnings: rendered.upWarnings, snapshot: next };
  if (options.dryRun) return { status: 'dry-run', ...result };
  // Both or neither: a migration without its snapshot would be applied by `up` and then make
  // every later generate stop with TM_SNAPSHOT_DRIFT. The snapshot, which replaces a file, goes last.
  // A blank migration leaves the schema as it is; the first migration of a project still writes
  // `.schema.json` (without it the next generate would stop with TM_SNAPSHOT_INVALID).
  const writeSnapshot = !options.empty || !existsSync(join(dir, SCHEMA_FILE));
  await writeFilesAtomic(options.cwd, [
    { path, text: rendered.text },
    ...(writeSnapshot ? [{ path: join(dir, SCHEMA_FILE), text: serializeSnapshot(next) }] : []),
  ]);
  return { status: 'written', ...result };
}
