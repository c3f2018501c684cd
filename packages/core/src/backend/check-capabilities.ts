import { unsupportedOperation } from '../errors/factories.js';
import { isDataStep, type Operation } from '../operation/operations.js';
import { applyOperation } from '../operation/apply-operation.js';
import { findTable, type SchemaSnapshot } from '../snapshot/schema-snapshot.js';
import type { Capabilities, Dialect } from './capabilities.js';
import { refuseKeysAndIndexes } from './check-keys-and-indexes.js';
import { refuseArrayConversion } from './array-conversion.js';

/**
 * `checkCapabilities` refuses, before anything runs, a step the target cannot carry out: a new
 * key on a backend whose keys are fixed at creation (DynamoDB), a unique index where uniqueness
 * is not enforced, more indexes than a table may have, a name or a key the backend cannot hold.
 * It is the one rule book of refusals (docs/architecture.md: Where each invariant lives): the
 * generator calls it for `--target`, the migrator on the recorded operations of every pending
 * migration (so a non-transactional backend never stops half-way on a step it could never have
 * done), and the appliers once more against the live schema just before they plan a step.
 *
 * `before` is the schema before the first operation; rules that depend on it (an index over a
 * column of the wrong type, a table's index count) are checked only when it is given.
 */
export function checkCapabilities(dialect: Dialect, capabilities: Capabilities, operations: readonly Operation[], before?: SchemaSnapshot): void {
  let schema = before;
  for (const operation of operations) {
    refuseOne(dialect, capabilities, operation, schema);
    if (schema && !isDataStep(operation)) {
      try { schema = applyOperation(schema, operation); } catch { schema = undefined; } // the migrator reports a bad step itself
    }
  }
}

function refuseOne(dialect: Dialect, capabilities: Capabilities, operation: Operation, schema: SchemaSnapshot | undefined): void {
  if (operation.kind === 'alterPrimaryKey' && !capabilities.alterPrimaryKey) {
    throw unsupportedOperation(dialect, `change the key of ${operation.table} to (${operation.columns.join(', ')}) in place: ${dialect} fixes a table's key when the table is created`,
      `the change needs a copy: create a new table with the new key (db.createTable), copy every item into it (db.execute with the backend's native commands, or your own script), point the application at it, then drop the old table (db.dropTable). `
      + 'Write that migration by hand: run `tidemark migrate:generate --no-target-check`, then replace the db.alterPrimaryKey(...) step with the copy');
  }
  refuseObjectNames(dialect, capabilities, operation);
  refuseChecks(dialect, capabilities, operation);
  const altered = schema && operation.kind === 'alterColumn' ? findTable(schema, operation.table)?.columns.find((c) => c.name === operation.column) : undefined;
  if (altered && operation.kind === 'alterColumn') refuseArrayConversion(dialect, operation.table, altered, operation.to);
  refuseKeysAndIndexes(dialect, capabilities, operation, schema);
  refuseArrayColumns(dialect, capabilities, operation);
  const auto = autoIncrementColumn(operation);
  if (auto && !capabilities.autoIncrement) {
    throw unsupportedOperation(dialect, `generate values for the auto-increment column ${auto.table}.${auto.column} (${dialect} has no sequences)`,
      'drop @Auto() and give the key a value in the application, for example a Uuid');
  }
  const table = schema && operation.kind === 'createIndex' ? findTable(schema, operation.table) : undefined;
  if (table && capabilities.maxIndexesPerTable !== undefined && table.indexes.length + 1 > capabilities.maxIndexesPerTable) {
    throw unsupportedOperation(dialect, `add index ${(operation as { index: { name: string } }).index.name}: ${table.name} would have ${table.indexes.length + 1} secondary indexes (at most ${capabilities.maxIndexesPerTable})`,
      'drop another index of the table first');
  }
}

/** Table and index names the backend cannot hold (`objectNames`). */
function refuseObjectNames(dialect: Dialect, capabilities: Capabilities, operation: Operation): void {
  if (!capabilities.objectNames) return;
  const { pattern, rule } = capabilities.objectNames;
  const created = operation.kind === 'createTable' ? operation.table : undefined;
  const names: (readonly ['table' | 'index', string])[] = [
    ...(created ? [['table', created.name] as const, ...created.indexes.map((i) => ['index', i.name] as const)] : []),
    ...(operation.kind === 'renameTable' ? [['table', operation.to] as const] : []),
    ...(operation.kind === 'createIndex' ? [['index', operation.index.name] as const] : []),
  ];
  const matches = new RegExp(pattern);
  const bad = names.find(([, name]) => !matches.test(name));
  if (bad) {
    throw unsupportedOperation(dialect, `name a ${bad[0]} ${JSON.stringify(bad[1])}: ${dialect} ${bad[0]} names are ${rule}`,
      bad[0] === 'table' ? "give the model a name that fits: @Model({ table: 'my_table' })" : "name the index: @Index([...], { name: 'idx_name' })");
  }
}

/** Array columns of an element type the backend cannot hold (`arrayItems`). */
function refuseArrayColumns(dialect: Dialect, capabilities: Capabilities, operation: Operation): void {
  const columns = operation.kind === 'createTable' ? operation.table.columns.map((c) => [operation.table.name, c] as const)
    : operation.kind === 'addColumn' ? [[operation.table, operation.column] as const]
      : operation.kind === 'alterColumn' ? [[operation.table, operation.to] as const] : [];
  for (const [table, c] of columns) {
    if (c.type !== 'array' || capabilities.arrayItems?.includes(c.items!)) continue;
    const held = capabilities.arrayItems ?? [];
    throw unsupportedOperation(dialect, `store the array column ${table}.${c.name} (${c.items}[]): ${held.length === 0 ? `Tidemark does not store array columns on ${dialect} yet` : `${dialect} arrays hold ${held.join(', ')} elements`}`,
      held.length === 0 ? 'use a json column (Json<T[]>) on this backend, or a backend with arrays (PostgreSQL, SQLite)' : `use one of those element types, or a json column (Json<${c.items}[]>)`);
  }
}

/** The auto-increment column an operation creates, if any. */
function autoIncrementColumn(operation: Operation): { table: string; column: string } | undefined {
  if (operation.kind === 'createTable') {
    const c = operation.table.columns.find((x) => x.autoIncrement);
    return c && { table: operation.table.name, column: c.name };
  }
  if (operation.kind === 'addColumn' && operation.column.autoIncrement) return { table: operation.table, column: operation.column.name };
  if (operation.kind === 'alterColumn' && operation.to.autoIncrement) return { table: operation.table, column: operation.column };
  return undefined;
}

/** CHECK constraints where the database has none (`checkConstraints`): it could not enforce them, so they are refused rather than recorded. */
function refuseChecks(dialect: Dialect, capabilities: Capabilities, operation: Operation): void {
  if (capabilities.checkConstraints) return;
  const checks = operation.kind === 'createTable' ? (operation.table.checks ?? []).map((c) => ({ table: operation.table.name, check: c }))
    : operation.kind === 'addCheck' ? [{ table: operation.table, check: operation.check }] : [];
  const [first] = checks;
  if (!first) return;
  throw unsupportedOperation(dialect, `enforce the check ${first.check.name} on ${first.table} (${first.check.expression}): ${dialect} has no CHECK constraints`,
    'remove the @Check from the model and validate the values in your code (on MongoDB, a hand-written $jsonSchema rule in db.execute can do part of it)',
    { table: first.table, check: first.check.name });
}
