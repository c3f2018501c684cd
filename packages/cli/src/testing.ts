/**
 * `@tidemark/cli/testing`: helpers for a project's own tests — a scratch database with the
 * project's migrations, migrated to an id, its schema and rows read back, and the up → down → up
 * check `migrate:verify` runs (docs/api.md, "Testing migrations").
 */
export { createScratchDatabase, type ScratchDatabase, type ScratchOptions } from './api/scratch-database.js';
export { verifyMigrations, type VerifiedMigration } from './api/verify-migrations.js';
