import {
  normalizeSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION,
  type ColumnSnapshot, type ForeignKeySnapshot, type IndexSnapshot, type ReferentialAction, type SchemaSnapshot, type TableSnapshot,
} from '@tidemark/core';
import { isHelperIndex } from '@tidemark/sql/mysql';
import type { ServerInfo } from '../server.js';
import { parseColumnType } from './column-type.js';
import { parseDefault } from './parse-default.js';

/** What introspection needs from a connection: one query at a time, rows as objects. */
export interface IntrospectionQuery {
  all<T = Record<string, unknown>>(statement: string): Promise<T[]>;
}

/** `isManagedTable` tells whether introspection covers a table: not Tidemark's own (`_tidemark_*`). */
export function isManagedTable(name: string): boolean {
  return !name.startsWith('_tidemark_');
}

// information_schema may hand back text as Buffers (MySQL 8 for some columns) and numbers as strings.
const str = (v: unknown): string => (v === null || v === undefined ? '' : Buffer.isBuffer(v) ? v.toString('utf8') : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : str(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const QUERIES = {
  tables: "SELECT TABLE_NAME AS t_name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
  columns: 'SELECT TABLE_NAME AS t_name, COLUMN_NAME AS c_name, DATA_TYPE AS c_data_type, COLUMN_TYPE AS c_column_type, IS_NULLABLE AS c_nullable, '
    + 'COLUMN_DEFAULT AS c_default, EXTRA AS c_extra, CHARACTER_MAXIMUM_LENGTH AS c_char_length, NUMERIC_PRECISION AS c_precision, '
    + 'NUMERIC_SCALE AS c_scale, COLUMN_COMMENT AS c_comment '
    + 'FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION',
  indexes: 'SELECT TABLE_NAME AS t_name, INDEX_NAME AS i_name, NON_UNIQUE AS i_non_unique, COLUMN_NAME AS i_column, COLLATION AS i_collation '
    + 'FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX',
  foreignKeys: 'SELECT k.TABLE_NAME AS t_name, k.CONSTRAINT_NAME AS f_name, k.COLUMN_NAME AS f_column, k.REFERENCED_TABLE_NAME AS f_ref_table, '
    + 'k.REFERENCED_COLUMN_NAME AS f_ref_column, r.UPDATE_RULE AS f_on_update, r.DELETE_RULE AS f_on_delete '
    + 'FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r '
    + 'ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME '
    + 'WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION',
  // MariaDB only: its JSON is LONGTEXT with a column CHECK (json_valid(`c`)); the check keeps its
  // first name when the column is renamed, so the column is read from the clause
  jsonChecks: "SELECT TABLE_NAME AS t_name, CHECK_CLAUSE AS k_clause "
    + "FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND LEVEL = 'Column'",
  // a model's @Check: a table CHECK (MariaDB names its table; MySQL 8's names are unique per schema)
  tableChecksMariadb: "SELECT TABLE_NAME AS t_name, CONSTRAINT_NAME AS k_name, CHECK_CLAUSE AS k_clause "
    + "FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND LEVEL = 'Table' ORDER BY TABLE_NAME, CONSTRAINT_NAME",
  tableChecksMysql: "SELECT t.TABLE_NAME AS t_name, c.CONSTRAINT_NAME AS k_name, c.CHECK_CLAUSE AS k_clause "
    + "FROM information_schema.TABLE_CONSTRAINTS t JOIN information_schema.CHECK_CONSTRAINTS c "
    + "ON c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME "
    + "WHERE t.TABLE_SCHEMA = DATABASE() AND t.CONSTRAINT_TYPE = 'CHECK' ORDER BY t.TABLE_NAME, c.CONSTRAINT_NAME",
} as const;

const ACTIONS: Record<string, ReferentialAction> = { CASCADE: 'cascade', RESTRICT: 'restrict', 'SET NULL': 'set null', 'NO ACTION': 'no action' };

/** Groups rows by a key, keeping their order. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

const JSON_CHECK = /^json_valid\(`((?:[^`]|``)+)`\)$/i;

async function jsonColumns(query: IntrospectionQuery, server: ServerInfo): Promise<Set<string>> {
  if (server.flavor !== 'mariadb') return new Set();
  const rows = await query.all<Record<string, unknown>>(QUERIES.jsonChecks);
  const out = new Set<string>();
  for (const r of rows) {
    const m = JSON_CHECK.exec(str(r.k_clause).trim());
    if (m) out.add(`${str(r.t_name)}\0${m[1]!.replaceAll('``', '`')}`);
  }
  return out;
}

/**
 * `introspectMysql` reads the live schema of the connection's database as a snapshot (model ''
 * for every table), skipping Tidemark's `_tidemark_*` tables: five information_schema queries
 * for the whole database, not a round of them per table (one when it has no table). Indexes
 * exclude the key (PRIMARY) and the helper index of a foreign key (see foreign-key-index.ts).
 * Compare it with a file's snapshot through `comparableSnapshot`.
 */
export async function introspectMysql(query: IntrospectionQuery, server: ServerInfo): Promise<SchemaSnapshot> {
  const names = (await query.all<Record<string, unknown>>(QUERIES.tables)).map((r) => str(r.t_name)).filter(isManagedTable);
  // Every table comes from this list: with none (a new database) the other queries have nothing to add.
  if (names.length === 0) return normalizeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, tables: [] });
  const columns = groupBy(await query.all<Record<string, unknown>>(QUERIES.columns), (r) => str(r.t_name));
  const indexRows = groupBy(await query.all<Record<string, unknown>>(QUERIES.indexes), (r) => str(r.t_name));
  const fkRows = groupBy(await query.all<Record<string, unknown>>(QUERIES.foreignKeys), (r) => str(r.t_name));
  const json = await jsonColumns(query, server);
  const checkRows = groupBy(await query.all<Record<string, unknown>>(server.flavor === 'mariadb' ? QUERIES.tableChecksMariadb : QUERIES.tableChecksMysql), (r) => str(r.t_name));

  const tables = names.map((name): TableSnapshot => {
    const cols = (columns.get(name) ?? []).map((r): ColumnSnapshot => {
      const parsed = parseColumnType({
        dataType: str(r.c_data_type), columnType: str(r.c_column_type), charLength: num(r.c_char_length),
        precision: num(r.c_precision), scale: num(r.c_scale), comment: str(r.c_comment),
      }, json.has(`${name}\0${str(r.c_name)}`));
      const autoIncrement = /auto_increment/i.test(str(r.c_extra));
      const dflt = autoIncrement ? undefined : parseDefault(strOrNull(r.c_default), str(r.c_extra), parsed.type, server.flavor);
      return {
        name: str(r.c_name),
        type: parsed.type,
        nullable: str(r.c_nullable) === 'YES',
        ...(dflt !== undefined ? { default: dflt } : {}),
        ...(autoIncrement ? { autoIncrement: true } : {}),
        ...(parsed.length !== undefined ? { length: parsed.length } : {}),
        ...(parsed.precision !== undefined ? { precision: parsed.precision } : {}),
        ...(parsed.scale !== undefined ? { scale: parsed.scale } : {}),
        ...(parsed.values !== undefined ? { values: parsed.values } : {}),
      };
    });
    const foreignKeys = [...groupBy(fkRows.get(name) ?? [], (r) => str(r.f_name)).entries()].map(([fkName, rows]): ForeignKeySnapshot => ({
      name: fkName,
      columns: rows.map((r) => str(r.f_column)),
      referencedTable: str(rows[0]!.f_ref_table),
      referencedColumns: rows.map((r) => str(r.f_ref_column)),
      onDelete: ACTIONS[str(rows[0]!.f_on_delete).toUpperCase()] ?? 'no action',
      onUpdate: ACTIONS[str(rows[0]!.f_on_update).toUpperCase()] ?? 'no action',
    }));
    const byIndex = groupBy(indexRows.get(name) ?? [], (r) => str(r.i_name));
    const primaryKey = (byIndex.get('PRIMARY') ?? []).map((r) => str(r.i_column));
    const indexes = [...byIndex.entries()]
      .filter(([indexName]) => indexName !== 'PRIMARY')
      .map(([indexName, rows]): IndexSnapshot => ({
        name: indexName,
        // a functional index (MySQL 8) has no column name
        columns: rows.map((r) => (r.i_column === null ? '<expression>' : str(r.i_column))),
        unique: Number(rows[0]!.i_non_unique) === 0,
        ...descendingKeys(rows),
      }))
      .filter((i) => !isHelperIndex(i, foreignKeys));
    const checks = (checkRows.get(name) ?? []).map((r) => ({ name: str(r.k_name), expression: str(r.k_clause) }));
    return { name, model: '', columns: cols, primaryKey, indexes, foreignKeys, ...(checks.length > 0 ? { checks } : {}) };
  });
  return normalizeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, tables });
}

/** A DESC key part reads COLLATION 'D' (MySQL 8, MariaDB 10.8+); ascending ones 'A'. */
function descendingKeys(rows: readonly Record<string, unknown>[]): Pick<IndexSnapshot, 'keyOptions'> {
  const desc = rows.filter((r) => r.i_collation === 'D' && r.i_column !== null).map((r) => [str(r.i_column), { order: 'desc' as const }] as const);
  return desc.length > 0 ? { keyOptions: Object.fromEntries(desc) } : {};
}
