import { ELEMENT_TYPES, type Capabilities } from '@tidemark/core';

/**
 * `capabilities` is what MongoDB can do, importable without loading the driver. Collection and
 * index changes are not transactional (a failed migration keeps its finished steps and is
 * recorded with `stepsApplied`); foreign keys are never enforced (only recorded as metadata);
 * unique indexes are; there are no sequences, so @Auto() keys are refused; a key is a unique
 * index, so it can change (a duplicate check, then the index rebuilt). Every column change is
 * done in place: a `collMod` of the validator, plus a rewrite of the documents when their
 * values change. No identifier limit applies below the 255-byte namespace (checked on use).
 */
export const capabilities = {
  transactionalDdl: false, nativeStatements: 'commands',
  foreignKeys: 'none',
  uniqueIndexes: 'enforced',
  autoIncrement: false,
  alterPrimaryKey: true,
  arrayItems: ELEMENT_TYPES,
} as const satisfies Capabilities;
