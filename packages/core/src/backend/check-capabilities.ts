import { unsupportedOperation } from '../errors/factories.js';
import type { Operation } from '../operation/operations.js';
import { applyOperation } from '../operation/apply-operation.js';
import { findColumn, findTable, type IndexSnapshot, type SchemaSnapshot } from '../snapshot/schema-snapshot.js';
import type { PortableType } from '../snapshot/portable-type.js';
import type { Capabilities, Dialect } from './capabilities.js';

/**
 * `checkCapabilities` refuses, before anything runs, a step the target cannot carry out: a new
 * key on a backend whose keys are fixed at creation (DynamoDB), a unique index where uniqueness
 * is not enforced, more indexes than a table may have. The migrator calls it on the recorded
 * operations of every pending migration, so a non-transactional backend never stops half-way
 * on a step it could never have done.
 */
export function checkCapabilities(dialect: Dialect, capabilities: Capabilities, operations: readonly Operation[], before?: SchemaSnapshot): void {
  // the schema as each operation finds it, when known and needed (index column types)
  let schema = capabilities.indexableTypes ? before : undefined;
  for (const operation of operations) {
    if (schema && capabilities.indexableTypes) refuseUnindexableTypes(dialect, capabilities.indexableTypes, operation, schema);
    if (schema && operation.kind !== 'execute') {
      try { schema = applyOperation(schema, operation); } catch { schema = undefined; } // the migrator reports a bad step itself
    }
    if (operation.kind === 'alterPrimaryKey' && !capabilities.alterPrimaryKey) {
      throw unsupportedOperation(dialect, `change the key of ${operation.table} to (${operation.columns.join(', ')}) in place: ${dialect} fixes a table's key when the table is created`,
        `the change needs a copy: create a new table with the new key (db.createTable), copy every item into it (db.execute with the backend's native commands, or your own script), point the application at it, then drop the old table (db.dropTable). `
        + 'Write that migration by hand: run `tidemark migrate:generate --no-target-check`, then replace the db.alterPrimaryKey(...) step with the copy');
    }
    const keyTable = operation.kind === 'createTable' ? operation.table : undefined;
    const key = keyTable?.primaryKey ?? (operation.kind === 'alterPrimaryKey' ? operation.columns : undefined);
    if (key && capabilities.maxKeyColumns !== undefined && key.length > capabilities.maxKeyColumns) {
      const table = keyTable?.name ?? (operation as { table: string }).table;
      throw unsupportedOperation(dialect, `use a key of ${key.length} columns (${key.join(', ')}) on ${table}: ${dialect} keys have at most ${capabilities.maxKeyColumns} (partition${capabilities.maxKeyColumns > 1 ? ', sort' : ''})`,
        'give the model at most two @Key() properties, or one key built from the others (e.g. a string "a#b")');
    }
    if (capabilities.objectNamePattern !== undefined) {
      const pattern = new RegExp(capabilities.objectNamePattern);
      const names = [
        ...(keyTable ? [['table', keyTable.name], ...keyTable.indexes.map((i) => ['index', i.name])] : []),
        ...(operation.kind === 'renameTable' ? [['table', operation.to]] : []),
        ...(operation.kind === 'createIndex' ? [['index', operation.index.name]] : []),
      ];
      const bad = names.find(([, name]) => !pattern.test(name!));
      if (bad) {
        throw unsupportedOperation(dialect, `name a ${bad[0]} ${JSON.stringify(bad[1])}: ${dialect} ${bad[0]} names must match ${capabilities.objectNamePattern}`,
          bad[0] === 'table' ? "give the model a name that fits: @Model({ table: 'my_table' })" : "name the index: @Index([...], { name: 'idx_name' })");
      }
    }
    const indexes = operation.kind === 'createIndex' ? [operation.index] : keyTable?.indexes ?? [];
    for (const index of indexes) {
      if (capabilities.maxIndexColumns !== undefined && index.columns.length > capabilities.maxIndexColumns) {
        throw unsupportedOperation(dialect, `build index ${index.name} on ${index.columns.length} columns: ${dialect} indexes have at most ${capabilities.maxIndexColumns} (partition, sort)`,
          'index at most two properties');
      }
    }
    const dbEnforced = (i: IndexSnapshot): boolean => i.unique && !i.applicationEnforced;
    const unique = (operation.kind === 'createIndex' && dbEnforced(operation.index))
      || (operation.kind === 'createTable' && operation.table.indexes.some(dbEnforced));
    if (unique && capabilities.uniqueIndexes === 'none') {
      const table = operation.kind === 'createIndex' ? operation.table : operation.table.name;
      throw unsupportedOperation(dialect, `enforce a unique index on ${table} (${dialect} has no unique constraints)`,
        "mark it @Unique({ enforced: 'application' }) (or `applicationEnforced: true` in the migration) and keep it unique in your code, or use a backend that enforces unique indexes");
    }
    const auto = autoIncrementColumn(operation);
    if (auto && !capabilities.autoIncrement) {
      const table = auto.table;
      throw unsupportedOperation(dialect, `generate values for the auto-increment column ${table}.${auto.column} (${dialect} has no sequences)`,
        'drop @Auto() and give the key a value in the application, for example a Uuid');
    }
    if (capabilities.maxIndexesPerTable !== undefined && operation.kind === 'createTable'
      && operation.table.indexes.length > capabilities.maxIndexesPerTable) {
      throw unsupportedOperation(dialect, `create ${operation.table.indexes.length} indexes on ${operation.table.name} (at most ${capabilities.maxIndexesPerTable})`,
        'drop some indexes from the model');
    }
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

/**
 * `refuseUnindexableTypes`: a backend that can index only some types (DynamoDB: key attributes
 * are S, N or B) refuses an index on, or a type change of an indexed column to, another type.
 */
function refuseUnindexableTypes(dialect: Dialect, indexable: readonly PortableType[], operation: Operation, schema: SchemaSnapshot): void {
  const refuse = (table: string, index: string, column: string, type: PortableType): never => {
    throw unsupportedOperation(dialect, `index ${index} on ${table}.${column}, a ${type} column: ${dialect} can index only ${indexable.join(', ')}`,
      `drop the index, or index another column (a ${type} cannot be an index key on ${dialect})`);
  };
  const check = (table: string, indexes: readonly IndexSnapshot[], typeOf: (column: string) => PortableType | undefined): void => {
    for (const index of indexes) {
      for (const column of index.columns) {
        const type = typeOf(column);
        if (type && !indexable.includes(type)) refuse(table, index.name, column, type);
      }
    }
  };
  if (operation.kind === 'createTable') {
    check(operation.table.name, operation.table.indexes, (c) => operation.table.columns.find((x) => x.name === c)?.type);
  } else if (operation.kind === 'createIndex') {
    const table = findTable(schema, operation.table);
    if (table) check(table.name, [operation.index], (c) => findColumn(table, c)?.type);
  } else if (operation.kind === 'alterColumn' && !indexable.includes(operation.to.type)) {
    const table = findTable(schema, operation.table);
    const index = table?.indexes.find((i) => i.columns.includes(operation.column));
    if (table && index) refuse(table.name, index.name, operation.column, operation.to.type);
  }
}
