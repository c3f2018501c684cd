import { pathToFileURL } from 'node:url';
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

/**
 * `loadMigration` imports a `.ts` migration file with no build step: tsx (loaded only here,
 * so commands that do not run migrations never pay for it) compiles it on the fly.
 */
export const loadMigration: MigrationLoader = async (file) => {
  const { tsImport } = await import('tsx/esm/api');
  let mod: { default?: unknown };
  try {
    // The query string keys tsx's module cache by content, so an edited file is not served stale.
    mod = (await tsImport(`${pathToFileURL(file.path).href}?checksum=${file.checksum}`, import.meta.url)) as { default?: unknown };
  } catch (err) {
    throw invalid(file, `cannot be loaded: ${(err as Error).message}`, err);
  }
  let m = mod.default as Partial<Migration> | undefined;
  // tsx may wrap an ES module's default export once more when it compiles to CommonJS
  if (m && typeof m === 'object' && 'default' in m && typeof (m as { default?: unknown }).default === 'object') {
    m = (m as { default: Partial<Migration> }).default;
  }
  if (!m || typeof m !== 'object') throw invalid(file, 'has no default export');
  if (typeof m.up !== 'function' || typeof m.down !== 'function') throw invalid(file, 'must define both up(db) and down(db)');
  if (m.id !== file.id) throw invalid(file, `declares id ${JSON.stringify(m.id)} but is named ${file.id}`);
  return m as Migration;
};
