export * from './error-codes.js';
export * from './tidemark-error.js';
export * from './redact-url.js';
export * from './factories.js';
export * from './production.js';
