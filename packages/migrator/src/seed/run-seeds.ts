import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  contextFor, TidemarkError,
  type BackendConnection, type DataChange, type NativeStatement, type Seed, type SeedContext, type SchemaOperation,
} from '@tidemark/core';
import { loadTypeScript } from '../source/load-migration.js';

/** `SeedResult` is what one seed file wrote. */
export interface SeedResult {
  readonly file: string;
  /** Rows written by its inserts, updates and back-fills (rows already there are not counted). */
  readonly rows: number;
}

/**
 * `seedFiles` lists the seed files that apply to `environment`, in order: `seeds/*.ts` (every
 * environment) by name, then `seeds/<environment>/*.ts` by name. Without an environment, only
 * the shared ones.
 */
export async function seedFiles(dir: string, environment: string | undefined): Promise<string[]> {
  const list = async (folder: string): Promise<string[]> =>
    (await readdir(folder, { withFileTypes: true }).catch(() => []))
      .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
      .map((e) => join(folder, e.name)).sort();
  return [...await list(dir), ...(environment ? await list(join(dir, environment)) : [])];
}

/**
 * `runSeeds` runs each seed file's `run` under the backend's lock, in its transaction where it
 * has one. `insert` there leaves out rows whose key exists, so a second run writes nothing new.
 */
export async function runSeeds(connection: BackendConnection, files: readonly string[], onFile?: (result: SeedResult) => void): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  await connection.withLock(async () => {
    for (const file of files) {
      const seed = await loadSeed(file);
      let rows = 0;
      const full = contextFor({
        dialect: connection.dialect,
        apply: async (operation: SchemaOperation) => { throw schemaInSeed(file, operation.kind); },
        execute: (statement: NativeStatement) => connection.applier.execute(statement),
        data: async (change: DataChange) => {
          const result = await connection.applier.applyData(change.kind === 'insert' ? { ...change, skipExisting: true } : change);
          rows += result.rows;
          return result;
        },
      });
      const db: SeedContext = { dialect: full.dialect, insert: full.insert, update: full.update, backfill: full.backfill, execute: full.execute };
      await connection.transaction(() => seed.run(db));
      const result = { file, rows };
      results.push(result);
      onFile?.(result);
    }
  });
  return results;
}

async function loadSeed(file: string): Promise<Seed> {
  let mod: { default?: unknown };
  try {
    mod = await loadTypeScript(file);
  } catch (err) {
    throw seedInvalid(file, `cannot be loaded: ${(err as Error).message}`, err);
  }
  const seed = mod.default as Partial<Seed> | undefined;
  if (!seed || typeof seed.run !== 'function') throw seedInvalid(file, 'has no default export with run(db)');
  return seed as Seed;
}

function seedInvalid(file: string, problem: string, cause?: unknown): TidemarkError {
  return new TidemarkError('TM_MIGRATION_INVALID', {
    message: `${file}: ${problem}`,
    hint: "a seed file must `export default defineSeed({ async run(db) { await db.insert('table', [...]); } })`",
    details: { file },
    cause,
  });
}

function schemaInSeed(file: string, kind: string): TidemarkError {
  return new TidemarkError('TM_MIGRATION_INVALID', {
    message: `${file}: a seed cannot change the schema (${kind})`,
    hint: 'put schema changes in a migration (tidemark migrate:generate); seeds only write rows',
    details: { file, operation: kind },
  });
}
