/**
 * `@tidemark/dynamodb`: the DynamoDB backend. The AWS SDK is loaded only by `connect`, so
 * `capabilities` and `parseDynamoDbUrl` work without it. The public surface is the backend, its
 * capabilities and its URL parser (docs/architecture.md: Adding a backend); the test harness's
 * entry is `@tidemark/dynamodb/testing` (internal), the rest is internal too.
 */
export { dynamodbBackend } from './backend.js';
export { capabilities } from './capabilities.js';
export { parseDynamoDbUrl, type DynamoDbEnv, type DynamoDbLocation } from './url.js';
