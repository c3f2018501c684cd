/**
 * `@tidemark/mongodb/testing` — INTERNAL, no compatibility promise. What the repository's
 * cross-package test harness (test/backends/mongodb.ts) needs beyond the public surface: a
 * connection with its own lock timeout, typed as the backend's connection.
 * (docs/architecture.md: Adding a backend.)
 * @internal
 */
export { connectMongo, type MongoConnectOptions } from './connect.js';
export type { MongoConnection } from './connection.js';
