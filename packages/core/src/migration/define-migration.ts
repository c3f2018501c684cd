import type { MigrationContext } from '../backend/migration-context.js';

/** `Migration` is what a migration file exports by default. */
export interface Migration {
  readonly id: string;
  up(db: MigrationContext): Promise<void>;
  down(db: MigrationContext): Promise<void>;
  /**
   * Set to false for statements that cannot run in a transaction (e.g. CREATE INDEX
   * CONCURRENTLY on PostgreSQL). Defaults to true where the backend has transactional DDL.
   */
  readonly transaction?: boolean;
  /**
   * Tables (MongoDB collections) this migration's native statements (`db.execute`) create and
   * look after: Tidemark's schema model cannot see them, so `migrate:check` leaves them out of
   * the drift comparison instead of reporting them forever.
   */
  readonly owns?: readonly string[];
}

/**
 * `defineMigration` declares a migration file's default export; it only checks the shape.
 * @example export default defineMigration({ id: '20250117_130000_add_user_email', async up(db) {}, async down(db) {} });
 */
export function defineMigration(migration: Migration): Migration {
  return migration;
}
