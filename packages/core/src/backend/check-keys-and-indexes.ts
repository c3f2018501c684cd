import { unsupportedOperation } from '../errors/factories.js';
import { utf8Length } from '../identifier-length.js';
import type { Operation } from '../operation/operations.js';
import { findColumn, findTable, type IndexSnapshot, type SchemaSnapshot, type TableSnapshot } from '../snapshot/schema-snapshot.js';
import type { ColumnType } from '../snapshot/portable-type.js';
import type { Capabilities, Dialect } from './capabilities.js';

/** A key or a secondary index, as the refusals name it. */
interface KeyLike {
  /** `the key of t` or `index i`. */
  readonly what: string;
  readonly columns: readonly string[];
  /** The index's name; absent for the table's key. */
  readonly index?: string;
}

/**
 * `refuseKeysAndIndexes` refuses a key or a secondary index the backend cannot build
 * (`minKeyColumns`, `maxKeyColumns`, `maxIndexColumns`, `maxIndexesPerTable`, `uniqueIndexes`,
 * `indexableTypes`, `maxKeyNameBytes`), and the rename of a key column where keys are fixed
 * (`alterPrimaryKey: false`). Rules about column types and names need the table, so
 * for operations that do not carry it they are checked only with the schema before them.
 */
export function refuseKeysAndIndexes(dialect: Dialect, capabilities: Capabilities, operation: Operation, schema: SchemaSnapshot | undefined): void {
  switch (operation.kind) {
    case 'createTable': {
      const table = operation.table;
      refuseKeyShape(dialect, capabilities, table.name, table.primaryKey);
      if (capabilities.maxIndexesPerTable !== undefined && table.indexes.length > capabilities.maxIndexesPerTable) {
        throw unsupportedOperation(dialect, `create ${table.indexes.length} indexes on ${table.name} (at most ${capabilities.maxIndexesPerTable} secondary indexes)`,
          'drop some indexes from the model');
      }
      for (const index of table.indexes) refuseIndexShape(dialect, capabilities, table.name, index);
      for (const keyed of keysOf(table)) refuseKeyColumns(dialect, capabilities, table, keyed);
      return;
    }
    case 'alterPrimaryKey':
      refuseKeyShape(dialect, capabilities, operation.table, operation.columns);
      return;
    case 'createIndex': {
      refuseIndexShape(dialect, capabilities, operation.table, operation.index);
      const table = schema && findTable(schema, operation.table);
      if (table) refuseKeyColumns(dialect, capabilities, table, { what: `index ${operation.index.name}`, columns: operation.index.columns });
      return;
    }
    case 'alterColumn': {
      const table = schema && findTable(schema, operation.table);
      if (!table) return;
      const changed: TableSnapshot = { ...table, columns: table.columns.map((c) => c.name === operation.column ? { ...operation.to, name: c.name } : c) };
      for (const keyed of keysOf(table)) {
        if (!keyed.columns.includes(operation.column)) continue;
        refuseKeyColumns(dialect, capabilities, changed, keyed, keyed.index
          ? `drop index ${keyed.index} first (db.dropIndex), or keep a type it can index`
          : 'keep a type the key can hold');
      }
      return;
    }
    case 'renameColumn': {
      const table = schema && findTable(schema, operation.table);
      if (!table) return;
      if (!capabilities.alterPrimaryKey && table.primaryKey.includes(operation.from)) {
        throw unsupportedOperation(dialect, `rename ${table.name}.${operation.from}: it is part of the table's key, which ${dialect} fixes when the table is created`,
          'keep the key column\'s name (@Column({ name: "…" }) maps a new property name to it), or copy the items into a new table by hand');
      }
      const renamed: TableSnapshot = { ...table, columns: table.columns.map((c) => c.name === operation.from ? { ...c, name: operation.to } : c) };
      const rename = (columns: readonly string[]): string[] => columns.map((c) => c === operation.from ? operation.to : c);
      for (const keyed of keysOf(table)) {
        if (keyed.columns.includes(operation.from)) refuseKeyColumns(dialect, capabilities, renamed, { ...keyed, columns: rename(keyed.columns) });
      }
      return;
    }
    default:
      return;
  }
}

/** The key and every secondary index of `table`. */
function keysOf(table: TableSnapshot): KeyLike[] {
  return [{ what: `the key of ${table.name}`, columns: table.primaryKey }, ...table.indexes.map((i) => ({ what: `index ${i.name}`, columns: i.columns, index: i.name }))];
}

function refuseKeyShape(dialect: Dialect, capabilities: Capabilities, table: string, key: readonly string[]): void {
  if (capabilities.minKeyColumns !== undefined && key.length < capabilities.minKeyColumns) {
    throw unsupportedOperation(dialect, `create table ${table} without a key: ${dialect} tables have a key of at least ${capabilities.minKeyColumns} column(s)`,
      'mark one property (the partition key) or two (partition and sort key) with @Key()');
  }
  if (capabilities.maxKeyColumns !== undefined && key.length > capabilities.maxKeyColumns) {
    throw unsupportedOperation(dialect, `use a key of ${key.length} columns (${key.join(', ')}) on ${table}: ${dialect} keys have at most ${capabilities.maxKeyColumns} (partition${capabilities.maxKeyColumns > 1 ? ', sort' : ''})`,
      'give the model at most two @Key() properties, or one key built from the others (e.g. a string "a#b")');
  }
}

function refuseIndexShape(dialect: Dialect, capabilities: Capabilities, table: string, index: IndexSnapshot): void {
  refuseIndexOptions(dialect, capabilities, table, index);
  const max = capabilities.maxIndexColumns;
  if (max !== undefined && (index.columns.length === 0 || index.columns.length > max)) {
    throw unsupportedOperation(dialect, `build index ${index.name} on ${table} over ${index.columns.length} columns: ${dialect} indexes have 1 to ${max} (partition, sort)`,
      `index one to ${max} properties`);
  }
  if (index.unique && !index.applicationEnforced && capabilities.uniqueIndexes === 'none') {
    throw unsupportedOperation(dialect, `enforce a unique index on ${table} (${index.name}): ${dialect} has no unique constraints`,
      "mark it @Unique({ enforced: 'application' }) (or `applicationEnforced: true` in the migration) and keep it unique in your code, or use a backend that enforces unique indexes",
      { table, index: index.name });
  }
}

/** Column types (`indexableTypes`) and attribute names (`maxKeyNameBytes`) a key or an index cannot be built on. */
function refuseKeyColumns(dialect: Dialect, capabilities: Capabilities, table: TableSnapshot, keyed: KeyLike, typeHint?: string): void {
  for (const name of keyed.columns) {
    const column = findColumn(table, name);
    if (!column) continue; // a missing column is the reducer's error, reported by the migrator
    const allowed = capabilities.indexableTypes;
    if (allowed && !allowed.includes(column.type)) {
      throw unsupportedOperation(dialect, `use ${table.name}.${name}, a ${column.type} column, in ${keyed.what}: ${dialect} keys and indexes can be built only on ${allowed.join(', ')}`,
        typeHint ?? `key or index a column of another type (${alternative(column.type)} instead of ${column.type})`);
    }
    const max = capabilities.maxKeyNameBytes;
    if (max !== undefined && utf8Length(name) > max) {
      throw unsupportedOperation(dialect, `use ${table.name}.${name} in ${keyed.what}: ${dialect} key attribute names are at most ${max} bytes`,
        'give the column a shorter name');
    }
  }
}

function alternative(type: ColumnType): string {
  return type === 'boolean' ? 'a string or a number (0/1)' : 'a string';
}

/** Index options (`where`, `expression`, `using`, operator classes, order, NULLs placement) the backend cannot build (`indexOptions`). */
function refuseIndexOptions(dialect: Dialect, capabilities: Capabilities, table: string, index: IndexSnapshot): void {
  const can = capabilities.indexOptions;
  const keys = Object.entries(index.keyOptions ?? {});
  const about = { table, index: index.name };
  const refuse = (what: string, hint: string): never => {
    throw unsupportedOperation(dialect, `build index ${index.name} on ${table} ${what}`, hint, about);
  };
  if (index.where !== undefined && !can?.where) refuse(`with a where clause (a partial index): ${dialect} has no partial indexes`, 'remove `where` from the @Index, or index every row');
  if (index.expression !== undefined && !can?.expression) refuse(`on the expression ${index.expression}: ${dialect} has no expression indexes`, 'index a column instead (for example one the application fills with the expression\'s value)');
  if (index.using !== undefined && !can?.methods.includes(index.using)) {
    refuse(`using ${index.using}: ${dialect} ${can?.methods.length ? `builds only ${['btree', ...can.methods].join(', ')}` : 'has no index methods to choose from'}`, 'remove `using` from the @Index');
  }
  const ops = keys.find(([, o]) => o.ops !== undefined);
  if (ops && !can?.operatorClasses) refuse(`with the operator class ${ops[1].ops} on ${ops[0]}: ${dialect} has no operator classes`, 'remove `ops` from the @Index');
  const desc = keys.find(([, o]) => o.order === 'desc');
  if (desc && !can?.descending) refuse(`in descending order on ${desc[0]}: ${dialect} indexes are ascending only`, 'remove `order` from the @Index');
  const nulls = keys.find(([, o]) => o.nulls !== undefined);
  if (nulls && !can?.nullsOrder) refuse(`with NULLS ${nulls[1].nulls!.toUpperCase()} on ${nulls[0]}: ${dialect} has no NULLs placement in indexes`, 'remove `nulls` from the @Index');
}
