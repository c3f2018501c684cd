import {
  foreignKeyName, normalizeSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION,
  type ColumnSnapshot, type ForeignKeySnapshot, type IndexSnapshot, type ReferentialAction, type SchemaSnapshot, type TableSnapshot,
} from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from './executor.js';

interface ColumnRow { readonly cid: number; readonly name: string; readonly type: string; readonly notnull: number; readonly dflt_value: string | null; readonly pk: number }
interface IndexRow { readonly name: string; readonly unique: number; readonly origin: string }
interface IndexColumnRow { readonly seqno: number; readonly name: string | null }
interface ForeignKeyRow { readonly id: number; readonly seq: number; readonly table: string; readonly from: string; readonly to: string | null; readonly on_update: string; readonly on_delete: string }

const ACTIONS: readonly ReferentialAction[] = ['cascade', 'restrict', 'set null', 'no action'];
const action = (text: string): ReferentialAction => {
  const a = text.toLowerCase() as ReferentialAction;
  return ACTIONS.includes(a) ? a : 'no action';
};

/** `isManagedTable` tells whether introspection covers a table: not SQLite's own (`sqlite_*`) nor Tidemark's (`_tidemark_*`). */
export function isManagedTable(name: string): boolean {
  return !name.startsWith('sqlite_') && !name.startsWith('_tidemark_');
}

function readColumns(executor: SqliteExecutor, table: string, parsed: sqlite.ParsedCreateTable): { columns: ColumnSnapshot[]; primaryKey: string[] } {
  const rows = executor.allSync<ColumnRow>('SELECT * FROM pragma_table_info(?) ORDER BY cid', [table]);
  const byName = new Map(parsed.columns.map((c) => [c.name, c]));
  const columns = rows.map((r): ColumnSnapshot => {
    const p = byName.get(r.name);
    const declared = sqlite.parseDeclaredType(r.type, { i64Marker: p?.i64Marker ?? false, ...(p?.enumValues ? { enumValues: p.enumValues } : {}) });
    const dflt = sqlite.parseDefault(r.dflt_value, declared.type);
    return {
      name: r.name,
      type: declared.type,
      ...(declared.items !== undefined ? { items: declared.items } : {}),
      nullable: r.notnull === 0,
      ...(dflt !== undefined ? { default: dflt } : {}),
      ...(p?.autoIncrement ? { autoIncrement: true } : {}),
      ...(declared.length !== undefined ? { length: declared.length } : {}),
      ...(declared.precision !== undefined ? { precision: declared.precision } : {}),
      ...(declared.scale !== undefined ? { scale: declared.scale } : {}),
      ...(declared.type === 'enum' ? { values: [...(p?.enumValues ?? [])] } : {}),
    };
  });
  const primaryKey = rows.filter((r) => r.pk > 0).sort((a, b) => a.pk - b.pk).map((r) => r.name);
  return { columns, primaryKey };
}

function readIndexes(executor: SqliteExecutor, table: string): IndexSnapshot[] {
  // origin 'c' = made by CREATE INDEX; 'u'/'pk' are sqlite_autoindex_* behind inline constraints.
  const rows = executor.allSync<IndexRow>("SELECT * FROM pragma_index_list(?) WHERE origin = 'c'", [table]);
  return rows.map((r) => {
    const columns = executor.allSync<IndexColumnRow>('SELECT * FROM pragma_index_info(?) ORDER BY seqno', [r.name]).map((c) => c.name ?? '<expression>');
    const base = { name: r.name, columns, unique: r.unique === 1 };
    // The pragmas give neither an expression's text nor a partial index's predicate: those come
    // from the CREATE INDEX text SQLite keeps.
    const sql = executor.allSync<{ sql: string | null }>("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", [r.name])[0]?.sql;
    if (!sql) return base;
    const parsed = sqlite.parseCreateIndex(sql);
    const expression = parsed.keys.length === 1 && parsed.keys[0]!.expression !== undefined ? parsed.keys[0]!.expression : undefined;
    const keyOptions = Object.fromEntries(parsed.keys.flatMap((k, j) => (k.desc && columns[j] !== undefined && k.column !== undefined ? [[columns[j]!, { order: 'desc' as const }]] : [])));
    return {
      ...base,
      ...(expression !== undefined ? { columns: [], expression } : {}),
      ...(parsed.where !== undefined ? { where: parsed.where } : {}),
      ...(Object.keys(keyOptions).length > 0 ? { keyOptions } : {}),
    };
  });
}

function readForeignKeys(executor: SqliteExecutor, table: string, parsed: sqlite.ParsedCreateTable): ForeignKeySnapshot[] {
  const rows = executor.allSync<ForeignKeyRow>('SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq', [table]);
  const groups = new Map<number, ForeignKeyRow[]>();
  for (const r of rows) groups.set(r.id, [...(groups.get(r.id) ?? []), r]);
  // PRAGMA foreign_key_list has no names: match each key to its clause in the CREATE TABLE text.
  const unclaimed = [...parsed.foreignKeys];
  return [...groups.values()].map((g) => {
    const first = g[0]!;
    const columns = g.map((r) => r.from);
    const i = unclaimed.findIndex((f) => f.referencedTable.toLowerCase() === first.table.toLowerCase()
      && f.columns.length === columns.length && f.columns.every((c, k) => c.toLowerCase() === columns[k]!.toLowerCase()));
    const clause = i >= 0 ? unclaimed.splice(i, 1)[0] : undefined;
    return {
      name: clause?.name ?? foreignKeyName(table, columns),
      columns,
      referencedTable: first.table,
      referencedColumns: g.map((r, k) => r.to ?? clause?.referencedColumns[k] ?? ''),
      onDelete: action(first.on_delete),
      onUpdate: action(first.on_update),
    };
  });
}

/** `introspectTable` reads one table: PRAGMAs for the facts, the CREATE TABLE text for names and markers. */
export function introspectTable(executor: SqliteExecutor, name: string, sql: string): TableSnapshot {
  const parsed = sqlite.parseCreateTable(sql);
  const { columns, primaryKey } = readColumns(executor, name, parsed);
  return {
    name, model: '', columns, primaryKey, indexes: readIndexes(executor, name), foreignKeys: readForeignKeys(executor, name, parsed),
    ...(parsed.checks.length > 0 ? { checks: parsed.checks.map((c) => ({ name: c.name, expression: c.expression })) } : {}),
  };
}

/**
 * `introspectSqlite` reads the live schema as a snapshot (model '' for every table), skipping
 * SQLite's `sqlite_*` tables and Tidemark's `_tidemark_*` ones; compare it with a file's
 * snapshot through `comparableSnapshot`.
 */
export function introspectSqlite(executor: SqliteExecutor): SchemaSnapshot {
  const tables = executor.allSync<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .filter((t) => isManagedTable(t.name))
    .map((t) => introspectTable(executor, t.name, t.sql));
  return normalizeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, tables });
}
