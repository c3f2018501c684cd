import { createRequire } from 'node:module';
import { TidemarkError, type Migration } from '@tidemark/core';
import type { MigrationFile } from './migration-file.js';

/** `MigrationLoader` turns a migration file into the migration it exports. */
export type MigrationLoader = (file: MigrationFile) => Promise<Migration>;

function invalid(file: MigrationFile, problem: string, cause?: unknown): TidemarkError {
  return new TidemarkError('TM_MIGRATION_INVALID', {
    message: `${file.path}: ${problem}`,
    hint: "a migration file must `export default defineMigration({ id, async up(db) {...}, async down(db) {...} })` with the file's own id",
    details: { file: file.path, id: file.id },
    cause,
  });
}

type TsxRequire = (id: string, fromFile: string) => unknown;
let tsxRequire: Promise<TsxRequire> | undefined;

/** tsx's in-thread CommonJS hook, registered once under its own namespace, only when a file is loaded. */
function requireTs(): Promise<TsxRequire> {
  tsxRequire ??= import('tsx/cjs/api').then(({ register }) => {
    const api = register({ namespace: 'tidemark-migrations' });
    return (id: string, fromFile: string) => api.require(id, fromFile);
  });
  return tsxRequire;
}

/**
 * `loadTypeScript` loads a TypeScript module (a seed file) the way migrations are loaded, fresh
 * each time, and returns its exports.
 */
export async function loadTypeScript(path: string): Promise<{ default?: unknown }> {
  const load = await requireTs();
  forget(path);
  return load(path, import.meta.url) as { default?: unknown };
}

/** Forgets a file Node has loaded before, so an edited migration is never served stale. */
function forget(path: string): void {
  const cache = createRequire(import.meta.url).cache;
  for (const key of Object.keys(cache)) if (key === path || key.startsWith(`${path}?`)) delete cache[key];
}

/**
 * `loadMigration` loads a `.ts` migration file with no build step. tsx compiles it on the fly
 * through its in-thread CommonJS hook: after the first file each one costs a few milliseconds,
 * where tsx's ES-module hooks (a worker thread) cost ~40 ms a file — seconds for a project with
 * a hundred migrations, on every `up` and `generate`. Node ≥ 20.19 lets that CommonJS code
 * `require` the ES-module `@tidemark/core`. (So a migration cannot use top-level await.)
 * A file whose text has not changed since it was loaded in this process is not loaded again.
 */
/** Loaded migrations by path, with the checksum of the text they were loaded from. */
const loaded = new Map<string, { checksum: string; migration: Migration }>();

export const loadMigration: MigrationLoader = async (file) => {
  const known = loaded.get(file.path);
  if (known?.checksum === file.checksum) return known.migration;
  const load = await requireTs();
  let mod: { default?: unknown };
  try {
    forget(file.path);
    mod = load(file.path, import.meta.url) as { default?: unknown };
  } catch (err) {
    throw invalid(file, `cannot be loaded: ${(err as Error).message}`, err);
  }
  const m = mod.default as Partial<Migration> | undefined;
  if (!m || typeof m !== 'object') throw invalid(file, 'has no default export');
  if (typeof m.up !== 'function' || typeof m.down !== 'function') throw invalid(file, 'must define both up(db) and down(db)');
  if (m.id !== file.id) throw invalid(file, `declares id ${JSON.stringify(m.id)} but is named ${file.id}`);
  if (m.owns !== undefined && !(Array.isArray(m.owns) && m.owns.every((t) => typeof t === 'string' && t !== ''))) {
    throw invalid(file, 'has `owns` that is not a list of table names (e.g. owns: [\'audit_log\'])');
  }
  loaded.set(file.path, { checksum: file.checksum, migration: m as Migration });
  return m as Migration;
};
