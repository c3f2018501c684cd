/**
 * `@tidemark/dynamodb/testing` — INTERNAL, no compatibility promise. What the repository's
 * cross-package test harness (test/backends/dynamodb.ts) and benchmarks need beyond the public
 * surface: the typed connection, a raw gateway for setting up data behind Tidemark's back, the
 * value converters the harness stores and reads rows with, and the name of the schema table.
 * (docs/architecture.md: Adding a backend.)
 * @internal
 */
export { connectDynamoDb, type DynamoConnectOptions } from './connect.js';
export type { DynamoConnection } from './connection.js';
export { openGateway } from './gateway.js';
export { toAttributeValue, toPlain } from './values/attribute-value.js';
export { HISTORY_TABLE, LOCK_TABLE, SCHEMA_TABLE } from './tracking-tables.js';
