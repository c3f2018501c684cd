/**
 * `@tidemark/migrator`: applies, rolls back and reports migrations on any backend through
 * core's interfaces. It never imports a driver, TypeScript or ts-morph.
 */
export * from './source/migration-file.js';
export * from './source/load-migration.js';
export * from './source/check-chain.js';
export * from './source/replay.js';
export * from './run/events.js';
export * from './run/migration-plan.js';
export type { ConfirmDestructive, DestructiveStep } from './run/destructive-steps.js';
export * from './run/status.js';
export * from './run/run-migration.js';
export * from './run/migrator.js';
export * from './run/squashed-history.js';
export * from './drift/exclude-tables.js';
export * from './drift/find-drift.js';
export * from './baseline/baseline-database.js';
export * from './seed/run-seeds.js';
export * from './run/hooks.js';
export * from './run/lock-retry.js';
