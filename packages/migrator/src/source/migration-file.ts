import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checksumMigration, MIGRATION_ID, parseMigrationHeader, parseReplacesLine, TidemarkError, type MigrationHeader } from '@tidemark/core';

/** `MigrationFile` is one file of the migrations folder, read but not loaded. */
export interface MigrationFile {
  readonly id: string;
  readonly path: string;
  readonly text: string;
  /** sha256 of the text with line endings normalised. */
  readonly checksum: string;
  /** The snapshot hashes of a generated file's header; absent in hand-written files. */
  readonly header?: MigrationHeader;
  /** A squashed migration's `// tidemark: replaces …` line: the ids it stands for. */
  readonly replaces?: readonly string[];
}

/**
 * `readMigrationFiles` lists the migrations of a folder in id order. Only `.ts` files count;
 * one whose name is not a migration id is an error rather than silently skipped.
 * A missing folder has no migrations.
 */
export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new TidemarkError('TM_MIGRATION_INVALID', {
      message: `${dir}: the migrations folder cannot be read (${(err as Error).message})`,
      hint: 'point "migrations" in tidemark.config.json at the folder that holds the migration files',
      details: { file: dir },
      cause: err,
    });
  }
  const files: MigrationFile[] = [];
  for (const name of names.filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts')).sort()) {
    const id = name.slice(0, -3);
    if (!MIGRATION_ID.test(id)) {
      throw new TidemarkError('TM_MIGRATION_INVALID', {
        message: `${join(dir, name)} is not named like a migration (YYYYMMDD_HHMMSS_<slug>.ts)`,
        hint: 'rename it, or move files that are not migrations out of the migrations folder',
        details: { file: join(dir, name) },
      });
    }
    const path = join(dir, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new TidemarkError('TM_MIGRATION_INVALID', {
        message: `${path} cannot be read as a migration file (${(err as Error).message})`,
        hint: 'a migration is a .ts file; move anything else out of the migrations folder',
        details: { file: path },
        cause: err,
      });
    }
    const header = parseMigrationHeader(text);
    const replaces = parseReplacesLine(text);
    files.push({ id, path, text, checksum: await checksumMigration(text), ...(header ? { header } : {}), ...(replaces ? { replaces } : {}) });
  }
  return files;
}

/**
 * `requireMigrationsFolder` refuses a migrations folder that does not exist, for every command
 * that reads a database against it: run from the wrong folder, "no files" would otherwise read
 * as "nothing to apply" (or, for `fresh`, as "drop everything and apply nothing"). Only
 * `migrate:generate` starts from a missing folder: it creates it.
 */
export async function requireMigrationsFolder(dir: string): Promise<void> {
  const found = await stat(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (found?.isDirectory()) return;
  throw new TidemarkError('TM_CONFIG_INVALID', {
    message: found ? `${dir}: the migrations path is not a folder` : `${dir}: the migrations folder does not exist`,
    hint: 'run Tidemark inside the project (tidemark.config.json is looked for in the current folder and the folders above it), point "migrations" in the config at the folder that holds the migrations, or create the first one with `tidemark migrate:generate`',
    details: { file: dir },
  });
}
