/**
 * `@tidemark/sqlite`: the SQLite backend. better-sqlite3 is a peer dependency loaded only by
 * `connect`, so `capabilities` and `parseSqliteUrl` work without it. The public surface is the
 * backend, its capabilities and its URL parser (docs/architecture.md: Adding a backend); the rest
 * is internal and may move between releases.
 */
export { sqliteBackend } from './backend.js';
export { capabilities } from './capabilities.js';
export { parseSqliteUrl, type SqliteLocation } from './url.js';
