import { shortenFor } from '../identifier-length.js';
import { comparableSqlText, normalizeIndexOptions } from './index-options.js';
import type { ColumnSnapshot, ForeignKeySnapshot, IndexSnapshot, SchemaSnapshot, TableSnapshot } from './schema-snapshot.js';

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** `normalizeColumn` rebuilds a column with a fixed key order and no undefined fields. */
export function normalizeColumn(c: ColumnSnapshot): ColumnSnapshot {
  const out: Record<string, unknown> = { name: c.name, type: c.type, ...(c.items !== undefined ? { items: c.items } : {}), nullable: c.nullable };
  if (c.default !== undefined) out.default = Array.isArray(c.default) ? [...c.default] : typeof c.default === 'object' ? { fn: (c.default as { fn: 'now' }).fn } : c.default;
  if (c.autoIncrement) out.autoIncrement = true;
  if (c.length !== undefined) out.length = c.length;
  if (c.precision !== undefined) out.precision = c.precision;
  if (c.scale !== undefined) out.scale = c.scale;
  if (c.values !== undefined) out.values = [...c.values];
  return out as unknown as ColumnSnapshot;
}

function normalizeIndex(i: IndexSnapshot): IndexSnapshot {
  return {
    name: i.name, columns: [...i.columns], unique: i.unique,
    ...(i.unique && i.applicationEnforced ? { applicationEnforced: true as const } : {}),
    ...normalizeIndexOptions(i),
  };
}

function normalizeForeignKey(f: ForeignKeySnapshot): ForeignKeySnapshot {
  return {
    name: f.name,
    columns: [...f.columns],
    referencedTable: f.referencedTable,
    referencedColumns: [...f.referencedColumns],
    onDelete: f.onDelete,
    onUpdate: f.onUpdate,
  };
}

/** `normalizeTable` rebuilds a table with a fixed key order and sorted indexes and foreign keys. */
export function normalizeTable(t: TableSnapshot): TableSnapshot {
  return {
    name: t.name,
    model: t.model,
    columns: t.columns.map(normalizeColumn),
    primaryKey: [...t.primaryKey],
    indexes: t.indexes.map(normalizeIndex).sort(byName),
    foreignKeys: t.foreignKeys.map(normalizeForeignKey).sort(byName),
    ...(t.checks && t.checks.length > 0 ? { checks: t.checks.map((c) => ({ name: c.name, expression: c.expression })).sort(byName) } : {}),
  };
}

/**
 * `normalizeSnapshot` puts a snapshot in canonical form: tables, indexes and foreign keys sorted
 * by name, keys in a fixed order, absent fields omitted. Equal schemas give equal JSON.
 */
export function normalizeSnapshot(s: SchemaSnapshot): SchemaSnapshot {
  return { format: s.format, version: s.version, tables: s.tables.map(normalizeTable).sort(byName) };
}

/** `ComparableOptions` say how the backend being compared with stores names. */
export interface ComparableOptions {
  /** The backend's identifier limit (`Capabilities.maxIdentifierLength`): longer names are shortened as it does. */
  readonly maxIdentifierLength?: number;
  /** What that limit counts (`Capabilities.identifierLengthUnit`; default bytes). */
  readonly identifierLengthUnit?: 'bytes' | 'characters';
  /**
   * Where the database enforces unique indexes it has no place for `applicationEnforced`
   * (the index is simply unique), so the flag is not compared.
   */
  readonly uniqueIndexes?: 'enforced' | 'none';
}

/**
 * `comparableSnapshot` is the canonical form used to compare a snapshot with an introspected
 * database: model names are dropped and columns sorted by name, since a live database knows
 * neither class names nor declaration order (ADD COLUMN appends). With `maxIdentifierLength`,
 * every name is shortened the way the backend shortened it (`shortenIdentifier`).
 */
export function comparableSnapshot(s: SchemaSnapshot, options: ComparableOptions = {}): SchemaSnapshot {
  const short = shortenFor(options);
  const shortAll = (names: readonly string[]): string[] => names.map(short);
  const n = normalizeSnapshot(s);
  const tables = n.tables.map((t) => ({
    ...t,
    name: short(t.name),
    model: '',
    columns: t.columns.map((c) => ({ ...c, name: short(c.name) })).sort(byName),
    primaryKey: shortAll(t.primaryKey),
    indexes: t.indexes.map((i) => {
      const { applicationEnforced, ...index } = i;
      const keepFlag = applicationEnforced && options.uniqueIndexes === 'none';
      // where and expression as the database may have rewritten them (index-options.ts)
      const { where, expression, keyOptions, ...plain } = index;
      const keys = keyOptions ? Object.fromEntries(Object.entries(keyOptions).map(([c, o]) => [short(c), o])) : undefined;
      return {
        ...plain, name: short(i.name), columns: shortAll(i.columns), ...(keepFlag ? { applicationEnforced } : {}),
        ...(expression !== undefined ? { expression: comparableSqlText(expression) } : {}),
        ...(where !== undefined ? { where: comparableSqlText(where) } : {}),
        ...(keys ? { keyOptions: keys } : {}),
      };
    }).sort(byName),
    foreignKeys: t.foreignKeys.map((f) => ({
      ...f, name: short(f.name), columns: shortAll(f.columns), referencedTable: short(f.referencedTable), referencedColumns: shortAll(f.referencedColumns),
    })).sort(byName),
    // an expression as the database may have rewritten it (index-options.ts)
    ...(t.checks ? { checks: t.checks.map((c) => ({ name: short(c.name), expression: comparableSqlText(c.expression) })).sort(byName) } : {}),
  }));
  return { ...n, tables: tables.sort(byName) };
}
