import { ELEMENT_TYPES, type Capabilities } from '@tidemark/core';

/**
 * `capabilities` is what SQLite can do, importable without loading better-sqlite3: DDL is
 * transactional, foreign keys and unique indexes are enforced, and every column change goes
 * through the table rebuild (none is done in place).
 */
export const capabilities = {
  transactionalDdl: true, nativeStatements: 'sql',
  foreignKeys: 'enforced',
  arrayItems: ELEMENT_TYPES.filter((t) => t !== 'enum'),
  uniqueIndexes: 'enforced',
  autoIncrement: true,
  alterPrimaryKey: true,
  // partial and expression indexes and DESC; no index methods, operator classes or NULLS FIRST/LAST in an index
  indexOptions: { where: true, expression: true, methods: [], operatorClasses: false, descending: true, nullsOrder: false },
  checkConstraints: true,
} as const satisfies Capabilities;
