export * from './portable-type.js';
export * from './schema-snapshot.js';
export * from './index-options.js';
export * from './normalize-snapshot.js';
export * from './canonical-json.js';
export * from './parse-snapshot.js';
