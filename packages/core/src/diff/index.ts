export * from './column-changes.js';
export * from './rename-resolver.js';
export * from './resolve-renames.js';
export * from './order-tables.js';
export * from './diff-snapshots.js';
