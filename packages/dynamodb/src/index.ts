/**
 * `@tidemark/dynamodb`: the DynamoDB backend. The AWS SDK is loaded only by `connect`, so
 * `capabilities` and `parseDynamoDbUrl` work without it.
 */
export { dynamodbBackend } from './backend.js';
export { capabilities, INDEXABLE_TYPES, OBJECT_NAME_PATTERN } from './capabilities.js';
export { parseDynamoDbUrl, DEFAULT_LOCAL_REGION, type DynamoDbEnv, type DynamoDbLocation } from './url.js';
export { connectDynamoDb, lockTimeoutFromEnv, DEFAULT_LOCK_TIMEOUT_MS, type DynamoConnectOptions } from './connect.js';
export { DynamoConnection, type DynamoConnectionOptions } from './connection.js';
export { DynamoApplier } from './applier.js';
export { DynamoHistory } from './history.js';
export { DynamoGateway, openGateway, type CommandMap, type CommandName } from './gateway.js';
export { introspectDynamoDb, mergeTable } from './introspect.js';
export { planOperation, type Plan } from './apply/plan-operation.js';
export type { Step, Rewrite, Check } from './apply/step.js';
export { renderStep } from './render.js';
export { DATA_COMMANDS, parseStatement, type DataCommand, type DynamoDbStatement } from './execute.js';
export { convertValue, needsValueCheck, type Conversion } from './values/convert-value.js';
export { toAttributeValue, toPlain, marshalJson, unmarshalJson, type Plain } from './values/attribute-value.js';
export { translateDynamoError, awsErrorName, type DynamoErrorContext } from './errors.js';
export { HISTORY_TABLE, SCHEMA_TABLE, LOCK_TABLE, isTidemarkTable } from './tracking-tables.js';
export { DEFAULT_LOCK_TTL_MS } from './lock.js';
export { DEFAULT_WAIT_TIMEOUT_MS, waitTimeoutFromEnv, type WaitEvent, type WaitOptions } from './wait.js';
