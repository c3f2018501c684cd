import {
  shortenIdentifier,
  type ForeignKeySnapshot, type IndexSnapshot, type Operation, type SchemaSnapshot, type TableSnapshot,
} from '@tidemark/core';

/**
 * `MAX_IDENTIFIER_LENGTH` is MySQL's limit for table, column, index and constraint names: 64
 * characters, not bytes (`IDENTIFIER_LENGTH_UNIT`), so 64 two-byte letters are kept as written.
 */
export const MAX_IDENTIFIER_LENGTH = 64;
export const IDENTIFIER_LENGTH_UNIT = 'characters';

/** `shortName` is the name MySQL stores for `name`: itself, or a stable shortened form when too long. */
export function shortName(name: string): string {
  return shortenIdentifier(name, MAX_IDENTIFIER_LENGTH, IDENTIFIER_LENGTH_UNIT);
}


const all = (names: readonly string[]): string[] => names.map(shortName);

function shortIndex(i: IndexSnapshot): IndexSnapshot {
  return { ...i, name: shortName(i.name), columns: all(i.columns) };
}

function shortForeignKey(f: ForeignKeySnapshot): ForeignKeySnapshot {
  return { ...f, name: shortName(f.name), columns: all(f.columns), referencedTable: shortName(f.referencedTable), referencedColumns: all(f.referencedColumns) };
}

/** `shortenTable` renames everything in a table the way MySQL stores it (shortened when too long). */
export function shortenTable(t: TableSnapshot): TableSnapshot {
  return {
    ...t,
    name: shortName(t.name),
    columns: t.columns.map((c) => ({ ...c, name: shortName(c.name) })),
    primaryKey: all(t.primaryKey),
    indexes: t.indexes.map(shortIndex),
    foreignKeys: t.foreignKeys.map(shortForeignKey),
    ...(t.checks ? { checks: t.checks.map((c) => ({ ...c, name: shortName(c.name) })) } : {}),
  };
}

// Snapshots are immutable and the reducer keeps every table a step does not touch, so each table
// is shortened once, not once per step: rendering N createTables against the growing live schema
// shortened N² tables (most of applying 200 tables' CPU time).
const shortTables = new WeakMap<TableSnapshot, TableSnapshot>();
const shortSnapshots = new WeakMap<SchemaSnapshot, SchemaSnapshot>();

function shortenTableOnce(t: TableSnapshot): TableSnapshot {
  let out = shortTables.get(t);
  if (!out) {
    out = shortenTable(t);
    shortTables.set(t, out);
    shortTables.set(out, out); // shortening is idempotent: a short name fits
  }
  return out;
}

/**
 * `shortenSnapshot` is a snapshot in MySQL's names. The live schema is introspected in these
 * names, so operations are shortened too (`shortenOperation`) before they meet it.
 */
export function shortenSnapshot(s: SchemaSnapshot): SchemaSnapshot {
  let out = shortSnapshots.get(s);
  if (!out) {
    out = { ...s, tables: s.tables.map(shortenTableOnce) };
    shortSnapshots.set(s, out);
  }
  return out;
}

/** `shortenOperation` is `operation` with every name shortened as MySQL stores it. */
export function shortenOperation<T extends Operation>(operation: T): T {
  const o = operation as Operation;
  const out = ((): Operation => {
    switch (o.kind) {
      case 'createTable': return { ...o, table: shortenTable(o.table) };
      case 'dropTable': return { ...o, table: shortName(o.table) };
      case 'renameTable': return { ...o, from: shortName(o.from), to: shortName(o.to) };
      case 'addColumn': return { ...o, table: shortName(o.table), column: { ...o.column, name: shortName(o.column.name) } };
      case 'dropColumn': return { ...o, table: shortName(o.table), column: shortName(o.column) };
      case 'alterColumn': return { ...o, table: shortName(o.table), column: shortName(o.column), to: { ...o.to, name: shortName(o.to.name) } };
      case 'renameColumn': return { ...o, table: shortName(o.table), from: shortName(o.from), to: shortName(o.to) };
      case 'alterPrimaryKey': return { ...o, table: shortName(o.table), columns: all(o.columns) };
      case 'createIndex': return { ...o, table: shortName(o.table), index: shortIndex(o.index) };
      case 'dropIndex': return { ...o, table: shortName(o.table), index: shortName(o.index) };
      case 'addForeignKey': return { ...o, table: shortName(o.table), foreignKey: shortForeignKey(o.foreignKey) };
      case 'dropForeignKey': return { ...o, table: shortName(o.table), foreignKey: shortName(o.foreignKey) };
      case 'addCheck': return { ...o, table: shortName(o.table), check: { ...o.check, name: shortName(o.check.name) } };
      case 'dropCheck': return { ...o, table: shortName(o.table), check: shortName(o.check) };
      case 'execute': return o;
      case 'insert': case 'update': case 'backfill': return { ...o, table: shortName(o.table) };
    }
  })();
  return out as T;
}
