import { assertNever, type Operation } from './operations.js';

/**
 * `tablesTouched` names every table whose structure or rows `operation` reads or changes: both
 * names of a rename, and the referenced table of a foreign key (its rows decide the orphan check).
 * `undefined` for a native statement, which may touch anything.
 */
export function tablesTouched(operation: Operation): readonly string[] | undefined {
  switch (operation.kind) {
    case 'createTable':
      return [operation.table.name, ...operation.table.foreignKeys.map((f) => f.referencedTable)];
    case 'renameTable':
      return [operation.from, operation.to];
    case 'addForeignKey':
      return [operation.table, operation.foreignKey.referencedTable];
    case 'dropTable':
    case 'addColumn':
    case 'dropColumn':
    case 'alterColumn':
    case 'renameColumn':
    case 'alterPrimaryKey':
    case 'createIndex':
    case 'dropIndex':
    case 'dropForeignKey':
    case 'addCheck':
    case 'dropCheck':
      return [operation.table];
    case 'insert':
    case 'update':
    case 'backfill':
      return [operation.table];
    case 'execute':
      return undefined;
    default:
      return assertNever(operation);
  }
}
