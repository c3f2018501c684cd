import { ELEMENT_TYPES, type Capabilities } from '@tidemark/core';
import { MAX_IDENTIFIER_LENGTH } from '@tidemark/sql/postgres';

/**
 * `capabilities` is what PostgreSQL can do, importable without loading `pg`: DDL is
 * transactional, foreign keys and unique indexes are enforced, identity columns generate keys,
 * every column change is an in-place ALTER TABLE, and names are cut at 63 bytes.
 */
export const capabilities = {
  transactionalDdl: true, nativeStatements: 'sql',
  foreignKeys: 'enforced',
  arrayItems: ELEMENT_TYPES,
  uniqueIndexes: 'enforced',
  autoIncrement: true,
  alterPrimaryKey: true,
  maxIdentifierLength: MAX_IDENTIFIER_LENGTH,
  indexOptions: { where: true, expression: true, methods: ['hash', 'gin', 'gist', 'brin'], operatorClasses: true, descending: true, nullsOrder: true },
  checkConstraints: true,
} as const satisfies Capabilities;
