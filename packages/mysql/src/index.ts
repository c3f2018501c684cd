/**
 * `@tidemark/mysql`: the MySQL and MariaDB backend. mysql2 is loaded only by `connect`, so
 * `capabilities` and URL parsing work without it. The public surface is the backend, its
 * capabilities and its URL parser (docs/architecture.md: Adding a backend); the dialect (the
 * statements `--dry-run` prints) is `@tidemark/sql/mysql`, the rest is internal and may move
 * between releases.
 */
export { mysqlBackend } from './backend.js';
export { capabilities } from './capabilities.js';
export { parseMysqlUrl, type MysqlLocation } from './url.js';
