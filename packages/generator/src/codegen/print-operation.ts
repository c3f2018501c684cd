import { assertNever, internalError, type ColumnSnapshot, type Operation, type TableSnapshot } from '@tidemark/core';
import { printLiteral, printString } from './print-literal.js';

const s = printString;

/** A column as a migration file writes it. */
function columnSpec(c: ColumnSnapshot): Record<string, unknown> {
  return { ...c };
}

function printCreateTable(t: TableSnapshot, indent: string): string {
  const inner = `${indent}  `;
  const list = (items: readonly unknown[]): string =>
    items.length === 0 ? '[]' : `[\n${items.map((x) => `${inner}  ${printLiteral(x)},`).join('\n')}\n${inner}]`;
  return [
    `await db.createTable({`,
    `${inner}name: ${s(t.name)},`,
    `${inner}columns: ${list(t.columns.map(columnSpec))},`,
    `${inner}primaryKey: ${printLiteral(t.primaryKey)},`,
    `${inner}indexes: ${list(t.indexes)},`,
    `${inner}foreignKeys: ${list(t.foreignKeys)},`,
    ...(t.checks && t.checks.length > 0 ? [`${inner}checks: ${list(t.checks)},`] : []),
    `${indent}});`,
  ].join('\n');
}

/**
 * `printOperation` renders one operation as the `MigrationContext` call that records it,
 * e.g. `await db.dropColumn('users', 'email');`. `indent` is the indentation of the line.
 */
export function printOperation(operation: Operation, indent: string): string {
  switch (operation.kind) {
    case 'createTable': return printCreateTable(operation.table, indent);
    case 'dropTable': return `await db.dropTable(${s(operation.table)});`;
    case 'renameTable': return `await db.renameTable(${s(operation.from)}, ${s(operation.to)});`;
    case 'addColumn': {
      const options = operation.backfill !== undefined ? `, { backfill: ${printLiteral(operation.backfill)} }` : '';
      return `await db.addColumn(${s(operation.table)}, ${printLiteral(columnSpec(operation.column))}${options});`;
    }
    case 'dropColumn': return `await db.dropColumn(${s(operation.table)}, ${s(operation.column)});`;
    case 'alterColumn': {
      const { name: _name, ...definition } = operation.to;
      return `await db.alterColumn(${s(operation.table)}, ${s(operation.column)}, ${printLiteral(definition)});`;
    }
    case 'renameColumn': return `await db.renameColumn(${s(operation.table)}, ${s(operation.from)}, ${s(operation.to)});`;
    case 'alterPrimaryKey': return `await db.alterPrimaryKey(${s(operation.table)}, ${printLiteral(operation.columns)});`;
    case 'createIndex': {
      const options = operation.concurrently ? ', { concurrently: true }' : '';
      return `await db.createIndex(${s(operation.table)}, ${printLiteral(operation.index)}${options});`;
    }
    case 'dropIndex': return `await db.dropIndex(${s(operation.table)}, ${s(operation.index)});`;
    case 'addForeignKey': return `await db.addForeignKey(${s(operation.table)}, ${printLiteral(operation.foreignKey)});`;
    case 'dropForeignKey': return `await db.dropForeignKey(${s(operation.table)}, ${s(operation.foreignKey)});`;
    case 'addCheck': return `await db.addCheck(${s(operation.table)}, ${printLiteral(operation.check)});`;
    case 'dropCheck': return `await db.dropCheck(${s(operation.table)}, ${s(operation.check)});`;
    case 'execute': return `await db.execute(${printLiteral(operation.statement)});`;
    // the diff yields schema steps only: data steps are written by hand, never printed
    case 'insert': case 'update': case 'backfill':
      throw internalError(`codegen cannot print a ${operation.kind} step: data steps are hand-written`);
    default: return assertNever(operation);
  }
}
