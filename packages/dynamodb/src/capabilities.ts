import type { Capabilities, PortableType } from '@tidemark/core';

/**
 * `INDEXABLE_TYPES` are the portable types DynamoDB can use as a key or index key: those stored
 * as S, N or B (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeDefinition.html).
 * booleans (BOOL) and json (M/L) cannot be key attributes.
 */
export const INDEXABLE_TYPES = [
  'i32', 'i64', 'f64', 'decimal', 'string', 'text', 'uuid', 'date', 'timestamp', 'enum', 'bytes',
] as const satisfies readonly PortableType[];

/**
 * `OBJECT_NAME_PATTERN` is what DynamoDB accepts as a table or index name
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
 * Attribute (column) names are free: any UTF-8 text.
 */
export const OBJECT_NAME_PATTERN = '^[A-Za-z0-9_.-]{3,255}$';

/**
 * `capabilities` is what DynamoDB can do, importable without loading the AWS SDK. Nothing is
 * transactional across tables and indexes, so a failed migration keeps its finished steps;
 * foreign keys and unique indexes are never enforced (an application-enforced unique index is a
 * plain global secondary index plus Tidemark metadata); there are no sequences; a table's key
 * is fixed when it is created. Keys and indexes have at most two columns (partition, sort),
 * a table at most 20 global secondary indexes; key attribute names at most 255 bytes
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html).
 * Every column change is done in place: metadata, plus a rewrite of the items when their values
 * must change. `checkCapabilities` (core) turns these into refusals.
 */
export const capabilities = {
  transactionalDdl: false, nativeStatements: 'commands',
  foreignKeys: 'none',
  uniqueIndexes: 'none',
  autoIncrement: false,
  alterPrimaryKey: false,
  minKeyColumns: 1,
  maxKeyColumns: 2,
  maxIndexColumns: 2,
  maxIndexesPerTable: 20,
  objectNames: { pattern: OBJECT_NAME_PATTERN, rule: '3 to 255 characters of A-Z, a-z, 0-9, _, - and .' },
  indexableTypes: INDEXABLE_TYPES,
  maxKeyNameBytes: 255,
} as const satisfies Capabilities;
