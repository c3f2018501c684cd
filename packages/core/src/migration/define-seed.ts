import type { MigrationContext } from '../backend/migration-context.js';

/**
 * `SeedContext` is what a seed file's `run` gets: the data steps of `MigrationContext`, where
 * `insert` leaves out rows whose key is already there, so running the seeds again inserts
 * nothing twice. Seeds do not change the schema (that is what migrations are for).
 */
export type SeedContext = Pick<MigrationContext, 'dialect' | 'insert' | 'update' | 'backfill' | 'execute'>;

/** `Seed` is what a seed file (`seeds/*.ts`, `seeds/<environment>/*.ts`) exports by default. */
export interface Seed {
  run(db: SeedContext): Promise<void>;
}

/**
 * `defineSeed` declares a seed file's default export; it only checks the shape.
 * @example export default defineSeed({ async run(db) { await db.insert('roles', [{ id: 1, name: 'admin' }]); } });
 */
export function defineSeed(seed: Seed): Seed {
  return seed;
}
