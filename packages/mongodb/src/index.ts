/**
 * `@tidemark/mongodb`: the MongoDB backend. The official `mongodb` driver is loaded only by
 * `connect`, so `capabilities` and `parseMongoUrl` work without it.
 */
export { mongodbBackend } from './backend.js';
export { capabilities } from './capabilities.js';
export { parseMongoUrl, type MongoLocation } from './url.js';
export { connectMongo, lockTimeoutFromEnv, DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_LOCK_LEASE_MS, type MongoConnectOptions } from './connect.js';
export { MongoConnection, type MongoConnectionOptions } from './connection.js';
export { MongoApplier, type MongoApplierOptions } from './applier.js';
export type { MongoCommandRunner, CommandTarget } from './command-runner.js';
export { DriverCommandRunner, fromExtendedJson, toExtendedJson, type DriverRunnerParts } from './driver-runner.js';
export type { Document } from './document.js';
export { MongoHistory } from './history.js';
export { withMongoLock, acquireCommand, renewCommand, releaseCommand, LOCK_ID, type MongoLockOptions } from './lock.js';
export { introspectMongo, tableFromCollection, type CollectionInfo } from './introspect.js';
export { planOperation } from './apply/plan-operation.js';
export type { MongoPlan, Step, DataCheck } from './apply/plan.js';
export { renderPlan } from './render.js';
export { jsonSchemaFor, columnSchema, createCommand, collModCommand } from './schema/validator.js';
export { indexSpec, keyIndexSpec } from './schema/index-spec.js';
export { BSON_TYPES, UUID_PATTERN } from './schema/bson-types.js';
export { translateMongoError, type MongoErrorContext } from './errors.js';
export { HISTORY_COLLECTION, LOCK_COLLECTION, KEY_INDEX, isManagedCollection } from './names.js';
export { DEFAULT_BATCH_SIZE } from './run/rewrite.js';
