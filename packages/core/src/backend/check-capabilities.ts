import { unsupportedOperation } from '../errors/factories.js';
import type { Operation } from '../operation/operations.js';
import type { Capabilities, Dialect } from './capabilities.js';

/**
 * `checkCapabilities` refuses, before anything runs, a step the target cannot carry out: a new
 * key on a backend whose keys are fixed at creation (DynamoDB), a unique index where uniqueness
 * is not enforced, more indexes than a table may have. The migrator calls it on the recorded
 * operations of every pending migration, so a non-transactional backend never stops half-way
 * on a step it could never have done.
 */
export function checkCapabilities(dialect: Dialect, capabilities: Capabilities, operations: readonly Operation[]): void {
  for (const operation of operations) {
    if (operation.kind === 'alterPrimaryKey' && !capabilities.alterPrimaryKey) {
      throw unsupportedOperation(dialect, `change the key of ${operation.table} in place`,
        'write a migration by hand that copies the data into a new table with the new key');
    }
    const unique = (operation.kind === 'createIndex' && operation.index.unique)
      || (operation.kind === 'createTable' && operation.table.indexes.some((i) => i.unique));
    if (unique && capabilities.uniqueIndexes === 'none') {
      const table = operation.kind === 'createIndex' ? operation.table : operation.table.name;
      throw unsupportedOperation(dialect, `enforce a unique index on ${table}`,
        'enforce uniqueness in the application, or use a backend that enforces unique indexes');
    }
    if (capabilities.maxIndexesPerTable !== undefined && operation.kind === 'createTable'
      && operation.table.indexes.length > capabilities.maxIndexesPerTable) {
      throw unsupportedOperation(dialect, `create ${operation.table.indexes.length} indexes on ${operation.table.name} (at most ${capabilities.maxIndexesPerTable})`,
        'drop some indexes from the model');
    }
  }
}
