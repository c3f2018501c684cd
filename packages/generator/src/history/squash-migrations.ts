import { readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { formatReplacesLine, hashSnapshot, slugify, usageError, type Operation } from '@tidemark/core';
import { loadMigration, readMigrationFiles, replayMigrations, requireMigrationsFolder, type MigrationLoader } from '@tidemark/migrator';
import { renderMigration } from '../codegen/render-migration.js';
import { verifiedSchema } from '../generate/generate.js';
import { writeFilesAtomic } from '../generate/write-files-atomic.js';
import { refuseUnsquashable, squashedSteps } from './squash-run.js';

/** `SquashOptions` are the run to squash: `from` (default: the first migration) to `to`, inclusive. */
export interface SquashOptions {
  readonly cwd: string;
  readonly migrations: string;
  readonly from?: string;
  readonly to: string;
  readonly message?: string;
  readonly load?: MigrationLoader;
}

/** `SquashResult` is the squashed migration and the files it replaced (now deleted). */
export interface SquashResult {
  readonly id: string;
  /** The new file, relative to `cwd`. */
  readonly file: string;
  readonly replaces: readonly string[];
  readonly operations: readonly Operation[];
}

/**
 * `squashMigrations` replaces the run of migrations `from`…`to` with one (`migrate:squash`). Its
 * `up` comes from the replay (`squashedSteps`), its `down` is the inverse as `generate` writes
 * it, its header runs from the snapshot the first one started from to the one the last one
 * produced (so the chain of headers, `.schema.json` and the later migrations are untouched), its
 * id takes the last one's timestamp (it sorts where the run was), and a `replaces` line lists
 * the run: a database that applied all of it counts the squashed migration as applied
 * (docs/failure-recovery.md). The folder is replayed again afterwards; should it not give the
 * same schema, the old files are put back.
 */
export async function squashMigrations(options: SquashOptions): Promise<SquashResult> {
  const load = options.load ?? loadMigration;
  const dir = join(options.cwd, options.migrations);
  await requireMigrationsFolder(dir);
  await verifiedSchema(dir, load); // the folder agrees with .schema.json and has no fork
  const files = await readMigrationFiles(dir);
  const ids = files.map((f) => f.id);
  const from = options.from ?? ids[0];
  for (const [flag, id] of [['--from', from], ['--to', options.to]] as const) {
    if (!id || !ids.includes(id)) throw usageError(`${flag} ${id ?? ''}: no such migration in ${options.migrations}`, '`tidemark migrate:status` lists the migrations by id');
  }
  const first = ids.indexOf(from!);
  const last = ids.indexOf(options.to);
  if (last - first < 1) throw usageError(`--from ${from} --to ${options.to} is ${last < first ? 'backwards' : 'one migration'}: a squash replaces two or more`, 'give the oldest migration of the run as --from and the newest as --to');
  const replayed = await replayMigrations(files, load, 'sqlite');
  const run = replayed.slice(first, last + 1);
  await refuseUnsquashable(run, files, load);

  const replaces = run.map((r) => r.file.id);
  const message = options.message ?? `squashed ${replaces.length} migrations`;
  const id = `${options.to.slice(0, 15)}_${slugify(message)}`;
  const previous = ids[first - 1];
  const next = ids[last + 1];
  if ((previous !== undefined && id <= previous) || (next !== undefined && id >= next) || ids.includes(id)) {
    throw usageError(`the squashed migration's id ${id} would not sort between ${previous ?? 'the start'} and ${next ?? 'the end'}`, 'pick another --message (the id is the timestamp of --to and its slug, and must be new)');
  }
  const operations = await squashedSteps(run);
  const header = {
    from: run[0]!.file.header?.from ?? await hashSnapshot(run[0]!.before),
    to: run.at(-1)!.file.header?.to ?? await hashSnapshot(run.at(-1)!.after),
  };
  const rendered = renderMigration({ id, message, operations, before: run[0]!.before, header });
  const [headerLine, ...rest] = rendered.text.split('\n');
  const text = [
    headerLine,
    formatReplacesLine(replaces),
    `// Squashed by \`tidemark migrate:squash\` from ${replaces.length} migrations (${replaces[0]} … ${replaces.at(-1)}): a database that applied`,
    '// all of them counts this one as applied; one that applied only some is told how to catch up.',
    ...rest,
  ].join('\n');

  const path = join(dir, `${id}.ts`);
  const old = await Promise.all(run.map(async (r) => ({ path: r.file.path, text: await readFile(r.file.path, 'utf8') })));
  await writeFilesAtomic(options.cwd, [{ path, text }]);
  try {
    for (const o of old) if (o.path !== path) await rm(o.path);
    await verifiedSchema(dir, load);
  } catch (err) {
    // put the folder back as it was: the old files, without the squashed one
    await rm(path, { force: true });
    await writeFilesAtomic(options.cwd, old);
    throw err;
  }
  return { id, file: relative(options.cwd, path), replaces, operations };
}
