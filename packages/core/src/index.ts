/**
 * `@tidemark/core`: the schema model every other package shares: snapshots, operations,
 * diff, the `MigrationContext` and backend interfaces, errors. No dependencies, no `node:` imports.
 */
export * from './errors/index.js';
export * from './snapshot/index.js';
export * from './operation/index.js';
export * from './diff/index.js';
export * from './backend/index.js';
export * from './model/index.js';
export * from './migration/index.js';
export * from './naming.js';
export { backfillValue, type BackfillValue } from './operation/backfill-value.js';
export * from './data/index.js';
