export * from './data-value.js';
export * from './where.js';
export * from './check-value.js';
export * from './describe-data-change.js';
export * from './existing-keys.js';
