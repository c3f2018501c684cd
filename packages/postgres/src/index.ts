/**
 * `@tidemark/postgres`: the PostgreSQL backend, on node-postgres (`pg`). The driver is loaded only
 * by `connect`, so `capabilities` and URL parsing work without it. The public surface is the
 * backend, its capabilities and its URL parser (docs/architecture.md: Adding a backend); the
 * dialect is `@tidemark/sql/postgres`, the rest is internal and may move between releases.
 */
export { postgresBackend } from './backend.js';
export { capabilities } from './capabilities.js';
export { parsePostgresUrl, type PostgresLocation } from './url.js';
