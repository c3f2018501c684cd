import type { Capabilities } from '@tidemark/core';
import { IDENTIFIER_LENGTH_UNIT, MAX_IDENTIFIER_LENGTH } from '@tidemark/sql/mysql';

/**
 * `capabilities` is what MySQL (8.0.13+) and MariaDB (10.5+) can do, importable without loading
 * mysql2: DDL commits on its own (not transactional), foreign keys and unique indexes are
 * enforced (InnoDB), every column change is an in-place ALTER TABLE … MODIFY, names are at most
 * 64 characters, and a JSON column cannot be indexed (text and bytes are, through a prefix).
 */
export const capabilities = {
  transactionalDdl: false, nativeStatements: 'sql',
  foreignKeys: 'enforced',
  uniqueIndexes: 'enforced',
  autoIncrement: true,
  alterPrimaryKey: true,
  maxIdentifierLength: MAX_IDENTIFIER_LENGTH,
  identifierLengthUnit: IDENTIFIER_LENGTH_UNIT,
  indexableTypes: ['i32', 'i64', 'f64', 'decimal', 'string', 'text', 'boolean', 'uuid', 'date', 'timestamp', 'bytes', 'enum'],
  // DESC keys (MySQL 8, MariaDB 10.8+); MariaDB has no partial or expression indexes, and InnoDB builds only btree
  indexOptions: { where: false, expression: false, methods: [], operatorClasses: false, descending: true, nullsOrder: false },
  checkConstraints: true,
} as const satisfies Capabilities;
