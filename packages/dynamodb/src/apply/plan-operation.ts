import {
  applyOperation, assertNever, checkCapabilities, normalizeTable, unsupportedOperation,
  type SchemaOperation, type SchemaSnapshot, type TableSnapshot,
} from '@tidemark/core';
import { capabilities } from '../capabilities.js';
import { planAlterColumn } from './alter-column.js';
import { planAddColumn, planDropColumn, planRenameColumn } from './columns.js';
import { planCreateIndex, planDropIndex } from './indexes.js';
import type { Step } from './step.js';
import { planCreateTable, planDropTable, planRenameTable } from './tables.js';

/** `Plan` is an operation as DynamoDB steps, and the schema it leaves. */
export interface Plan {
  readonly steps: readonly Step[];
  readonly after: SchemaSnapshot;
}

function stepsFor(operation: SchemaOperation, before: SchemaSnapshot, after: SchemaSnapshot): Step[] {
  switch (operation.kind) {
    case 'createTable': return planCreateTable(operation);
    case 'dropTable': return planDropTable(operation);
    case 'renameTable': return planRenameTable(operation, after);
    case 'addColumn': return planAddColumn(operation, before);
    case 'dropColumn': return planDropColumn(operation, before);
    case 'alterColumn': return planAlterColumn(operation, before, after);
    case 'renameColumn': return planRenameColumn(operation, before, after);
    case 'createIndex': return planCreateIndex(operation, before, after);
    case 'dropIndex': return planDropIndex(operation);
    // not enforced by DynamoDB: a foreign key lives in Tidemark's metadata only (never claimed enforced)
    case 'addForeignKey': case 'dropForeignKey': return [];
    case 'alterPrimaryKey':
      throw unsupportedOperation('dynamodb', `change the key of ${operation.table} to (${operation.columns.join(', ')}) in place: DynamoDB fixes a table's key when the table is created`,
        'copy the items into a new table with the new key by hand (db.createTable, db.execute, db.dropTable)');
    // checkCapabilities refuses these first (no `checkConstraints`); reaching here is a bug
    case 'addCheck': case 'dropCheck':
      throw unsupportedOperation('dynamodb', `${operation.kind === 'addCheck' ? 'add' : 'drop'} a CHECK constraint on ${operation.table}: DynamoDB has none`, 'remove the @Check from the model');
    default: return assertNever(operation);
  }
}

const same = (a: TableSnapshot, b: TableSnapshot): boolean =>
  JSON.stringify({ ...normalizeTable(a), model: '' }) === JSON.stringify({ ...normalizeTable(b), model: '' });

/** The metadata writes that bring `_tidemark_schema` from `before` to `after`: every table that changed, appeared or went. */
function metadataSteps(before: SchemaSnapshot, after: SchemaSnapshot): Step[] {
  const old = new Map(before.tables.map((t) => [t.name, t]));
  const now = new Map(after.tables.map((t) => [t.name, t]));
  const steps: Step[] = [];
  for (const [name, table] of now) {
    const was = old.get(name);
    if (!was || !same(was, table)) steps.push({ kind: 'saveMetadata', table });
  }
  for (const name of old.keys()) if (!now.has(name)) steps.push({ kind: 'deleteMetadata', table: name });
  return steps;
}

/**
 * `planOperation` turns an operation into DynamoDB steps against the schema `before` it: the
 * reducer first (a step that does not fit the schema fails before anything runs), then what
 * DynamoDB refuses (core's `checkCapabilities` against `before`, the rule book the generator
 * and the migrator use too: names, key and index shapes and types), then the data checks, the changes, and the metadata of every table whose
 * snapshot changed. Pure: the same operation and schema always give the same steps.
 */
export function planOperation(operation: SchemaOperation, before: SchemaSnapshot): Plan {
  const after = applyOperation(before, operation);
  checkCapabilities('dynamodb', capabilities, [operation], before);
  const steps = stepsFor(operation, before, after);
  return { steps: [...steps, ...metadataSteps(before, after)], after };
}
