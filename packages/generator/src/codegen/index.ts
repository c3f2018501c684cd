export * from './print-literal.js';
export * from './print-operation.js';
export * from './render-migration.js';
export * from './migration-id.js';
export * from './compose-migration.js';
export * from './default-message.js';
