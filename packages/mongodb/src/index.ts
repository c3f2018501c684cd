/**
 * `@tidemark/mongodb`: the MongoDB backend. The official `mongodb` driver is loaded only by
 * `connect`, so `capabilities` and `parseMongoUrl` work without it. The public surface is the
 * backend, its capabilities and its URL parser (docs/architecture.md: Adding a backend); the
 * test harness's entry is `@tidemark/mongodb/testing` (internal), the rest is internal too.
 */
export { mongodbBackend } from './backend.js';
export { capabilities } from './capabilities.js';
export { parseMongoUrl, type MongoLocation } from './url.js';
