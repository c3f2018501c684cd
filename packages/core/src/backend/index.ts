export * from './capabilities.js';
export * from './migration-context.js';
export * from './operation-applier.js';
export * from './context-for.js';
export * from './recording-context.js';
export * from './backend.js';
export * from './migration-history.js';
export * from './check-capabilities.js';
