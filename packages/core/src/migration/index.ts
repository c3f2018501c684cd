export * from './define-migration.js';
export * from './migration-header.js';
export * from './define-seed.js';
