import { internalError } from '../errors/factories.js';
import { findColumn, findTable, type SchemaSnapshot, type TableSnapshot } from '../snapshot/schema-snapshot.js';
import { applyOperation } from './apply-operation.js';
import { backfillValue } from './backfill-value.js';
import { assertNever, type Operation, type SchemaOperation } from './operations.js';

/** `InvertedOperation` is one step of a `down`, with a note when it cannot bring data back. */
export interface InvertedOperation {
  readonly operation: SchemaOperation;
  /** Set when the step restores structure only: the data the `up` step removed is gone. */
  readonly dataLoss?: string;
}

function table(before: SchemaSnapshot, name: string): TableSnapshot {
  const t = findTable(before, name);
  if (!t) throw internalError(`cannot invert: table ${name} is not in the schema`);
  return t;
}

/** `invertOperation` returns the step that undoes `operation`, given the schema just before it. */
export function invertOperation(operation: Operation, before: SchemaSnapshot): InvertedOperation {
  switch (operation.kind) {
    case 'createTable':
      return { operation: { kind: 'dropTable', table: operation.table.name } };
    case 'dropTable':
      return {
        operation: { kind: 'createTable', table: table(before, operation.table) },
        dataLoss: `the rows of ${operation.table} are not restored`,
      };
    case 'renameTable':
      return { operation: { kind: 'renameTable', from: operation.to, to: operation.from } };
    case 'addColumn':
      return { operation: { kind: 'dropColumn', table: operation.table, column: operation.column.name } };
    case 'dropColumn': {
      const column = findColumn(table(before, operation.table), operation.column);
      if (!column) throw internalError(`cannot invert: column ${operation.table}.${operation.column} is not in the schema`);
      const needsBackfill = !column.nullable && column.default === undefined && !column.autoIncrement;
      return {
        operation: {
          kind: 'addColumn', table: operation.table, column,
          ...(needsBackfill ? { backfill: backfillValue(column) } : {}),
        },
        dataLoss: `the values of ${operation.table}.${operation.column} are not restored`,
      };
    }
    case 'alterColumn': {
      const from = findColumn(table(before, operation.table), operation.column);
      if (!from) throw internalError(`cannot invert: column ${operation.table}.${operation.column} is not in the schema`);
      return { operation: { kind: 'alterColumn', table: operation.table, column: operation.column, to: from } };
    }
    case 'renameColumn':
      return { operation: { kind: 'renameColumn', table: operation.table, from: operation.to, to: operation.from } };
    case 'alterPrimaryKey':
      return { operation: { kind: 'alterPrimaryKey', table: operation.table, columns: table(before, operation.table).primaryKey } };
    case 'createIndex':
      return { operation: { kind: 'dropIndex', table: operation.table, index: operation.index.name } };
    case 'dropIndex': {
      const index = table(before, operation.table).indexes.find((i) => i.name === operation.index);
      if (!index) throw internalError(`cannot invert: index ${operation.index} is not in the schema`);
      return { operation: { kind: 'createIndex', table: operation.table, index } };
    }
    case 'addForeignKey':
      return { operation: { kind: 'dropForeignKey', table: operation.table, foreignKey: operation.foreignKey.name } };
    case 'dropForeignKey': {
      const foreignKey = table(before, operation.table).foreignKeys.find((f) => f.name === operation.foreignKey);
      if (!foreignKey) throw internalError(`cannot invert: foreign key ${operation.foreignKey} is not in the schema`);
      return { operation: { kind: 'addForeignKey', table: operation.table, foreignKey } };
    }
    case 'addCheck':
      return { operation: { kind: 'dropCheck', table: operation.table, check: operation.check.name } };
    case 'dropCheck': {
      const check = (table(before, operation.table).checks ?? []).find((c) => c.name === operation.check);
      if (!check) throw internalError(`cannot invert: check ${operation.check} is not in the schema`);
      return { operation: { kind: 'addCheck', table: operation.table, check } };
    }
    case 'execute':
    case 'insert':
    case 'update':
    case 'backfill':
      throw internalError('cannot invert a data step; write its down step by hand');
    default:
      return assertNever(operation);
  }
}

/**
 * `invertOperations` returns the `down` of a list of operations applied to `before`: each
 * step's inverse, newest first. Applying the operations and then the result gives `before` back.
 */
export function invertOperations(operations: readonly Operation[], before: SchemaSnapshot): InvertedOperation[] {
  const inverses: InvertedOperation[] = [];
  let state = before;
  for (const operation of operations) {
    inverses.push(invertOperation(operation, state));
    state = applyOperation(state, operation);
  }
  return inverses.reverse();
}
