import {
  assertNever, shortenIdentifier,
  type ColumnSnapshot, type ForeignKeySnapshot, type IndexSnapshot, type Operation, type SchemaSnapshot, type TableSnapshot,
} from '@tidemark/core';

/** `MAX_IDENTIFIER_LENGTH` is PostgreSQL's NAMEDATALEN - 1: longer names are cut silently. */
export const MAX_IDENTIFIER_LENGTH = 63;

/**
 * `shortName` is the name PostgreSQL stores for `name`: itself when it fits in 63 bytes,
 * otherwise core's deterministic shortening (prefix + hash), never PostgreSQL's own cut, which
 * would make two long names that share a prefix collide.
 */
export function shortName(name: string): string {
  return shortenIdentifier(name, MAX_IDENTIFIER_LENGTH);
}

const names = (list: readonly string[]): string[] => list.map(shortName);
const column = (c: ColumnSnapshot): ColumnSnapshot => (shortName(c.name) === c.name ? c : { ...c, name: shortName(c.name) });
const index = (i: IndexSnapshot): IndexSnapshot => ({ ...i, name: shortName(i.name), columns: names(i.columns) });
const foreignKey = (f: ForeignKeySnapshot): ForeignKeySnapshot => ({
  ...f, name: shortName(f.name), columns: names(f.columns), referencedTable: shortName(f.referencedTable), referencedColumns: names(f.referencedColumns),
});

/** `shortenTable` renames everything in a table to the names PostgreSQL stores (`shortName`). */
export function shortenTable(t: TableSnapshot): TableSnapshot {
  return {
    ...t,
    name: shortName(t.name),
    columns: t.columns.map(column),
    primaryKey: names(t.primaryKey),
    indexes: t.indexes.map(index),
    foreignKeys: t.foreignKeys.map(foreignKey),
    ...(t.checks ? { checks: t.checks.map((c) => ({ ...c, name: shortName(c.name) })) } : {}),
  };
}

// Snapshots are immutable: each is shortened once. The applier's live schema is registered as
// already short, so rendering against it costs nothing per step (no N² over many tables).
const shortSnapshots = new WeakMap<SchemaSnapshot, SchemaSnapshot>();

/** `markShort` records that every name in `snapshot` already fits (it was read from the database). */
export function markShort(snapshot: SchemaSnapshot): SchemaSnapshot {
  shortSnapshots.set(snapshot, snapshot);
  return snapshot;
}

/**
 * `shortenSnapshot` renames every table, column, index and foreign key of a snapshot (a
 * migration file's view) to the name PostgreSQL stores, keeping column order and model names.
 * Shortening is idempotent, so a live (already short) schema comes back unchanged.
 */
export function shortenSnapshot(snapshot: SchemaSnapshot): SchemaSnapshot {
  const known = shortSnapshots.get(snapshot);
  if (known) return known;
  const out = markShort({ ...snapshot, tables: snapshot.tables.map(shortenTable) });
  shortSnapshots.set(snapshot, out);
  return out;
}

/**
 * `shortenOperation` renames every identifier an operation names to the one PostgreSQL stores,
 * so a migration written with a 70-character index name applies, introspects and drops by the
 * same deterministic 63-byte name. `execute` is the user's own SQL and is left alone.
 */
export function shortenOperation<O extends Operation>(operation: O): O {
  return shortened(operation) as O;
}

function shortened(o: Operation): Operation {
  const s = shortName;
  switch (o.kind) {
    case 'createTable': return { ...o, table: shortenTable(o.table) };
    case 'dropTable': return { ...o, table: s(o.table) };
    case 'renameTable': return { ...o, from: s(o.from), to: s(o.to) };
    case 'addColumn': return { ...o, table: s(o.table), column: column(o.column) };
    case 'dropColumn': return { ...o, table: s(o.table), column: s(o.column) };
    case 'alterColumn': return { ...o, table: s(o.table), column: s(o.column), to: column(o.to) };
    case 'renameColumn': return { ...o, table: s(o.table), from: s(o.from), to: s(o.to) };
    case 'alterPrimaryKey': return { ...o, table: s(o.table), columns: names(o.columns) };
    case 'createIndex': return { ...o, table: s(o.table), index: index(o.index) };
    case 'dropIndex': return { ...o, table: s(o.table), index: s(o.index) };
    case 'addForeignKey': return { ...o, table: s(o.table), foreignKey: foreignKey(o.foreignKey) };
    case 'dropForeignKey': return { ...o, table: s(o.table), foreignKey: s(o.foreignKey) };
    case 'addCheck': return { ...o, table: s(o.table), check: { ...o.check, name: s(o.check.name) } };
    case 'dropCheck': return { ...o, table: s(o.table), check: s(o.check) };
    case 'execute': return o;
    case 'insert': case 'update': case 'backfill': return { ...o, table: s(o.table) };
    default: return assertNever(o);
  }
}
