import type { PullInventory, PullNote, SchemaSnapshot } from '@tidemark/core';
import { renderColumnType } from '@tidemark/sql/mysql';
import type { ServerInfo } from '../server.js';
import { isManagedTable, type IntrospectionQuery } from './introspect.js';

const str = (v: unknown): string => (v === null || v === undefined ? '' : Buffer.isBuffer(v) ? v.toString('utf8') : String(v));

const QUERIES = {
  views: "SELECT TABLE_NAME AS v_name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'VIEW' ORDER BY TABLE_NAME",
  triggers: 'SELECT EVENT_OBJECT_TABLE AS t_name, TRIGGER_NAME AS g_name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY TRIGGER_NAME',
  columns: 'SELECT TABLE_NAME AS t_name, COLUMN_NAME AS c_name, COLUMN_TYPE AS c_column_type, COLUMN_DEFAULT AS c_default, EXTRA AS c_extra, '
    + 'GENERATION_EXPRESSION AS c_generation FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION',
  // MariaDB: table-level CHECKs (a column's json_valid and enum checks are what introspection reads)
  checks: "SELECT TABLE_NAME AS t_name, CONSTRAINT_NAME AS k_name, CHECK_CLAUSE AS k_clause FROM information_schema.CHECK_CONSTRAINTS "
    + "WHERE CONSTRAINT_SCHEMA = DATABASE() AND LEVEL = 'Table' ORDER BY TABLE_NAME, CONSTRAINT_NAME",
} as const;

/** MariaDB and MySQL 5.7 print integer display widths (`int(11)`); Tidemark writes none. */
const withoutDisplayWidth = (type: string): string => type.toLowerCase().replace(/^(int|bigint|smallint|mediumint|integer)\(\d+\)/, '$1');

/**
 * `mysqlPullInventory` lists what `migrate:pull` cannot write from introspection alone (see
 * `PullInventory`): views and triggers; columns whose type is not the one Tidemark writes for
 * the portable type introspection reads (TEXT where Tidemark writes LONGTEXT, SMALLINT, FLOAT,
 * TIMESTAMP, unsigned integers, SET, TIME …); generated columns; defaults that are expressions;
 * table CHECK constraints (MariaDB).
 */
export async function mysqlPullInventory(query: IntrospectionQuery, server: ServerInfo, live: SchemaSnapshot): Promise<PullInventory> {
  const notes: PullNote[] = [];
  for (const r of await query.all<Record<string, unknown>>(QUERIES.views)) {
    notes.push({ kind: 'skipped', object: `view ${str(r.v_name)}`, problem: 'models describe tables only; keep its CREATE VIEW in a migration (db.execute)' });
  }
  for (const r of await query.all<Record<string, unknown>>(QUERIES.triggers)) {
    if (isManagedTable(str(r.t_name))) notes.push({ kind: 'skipped', table: str(r.t_name), object: `trigger ${str(r.g_name)}`, problem: 'models cannot say it; keep its CREATE TRIGGER in a migration (db.execute)' });
  }
  const tables = new Map(live.tables.map((t) => [t.name, t]));
  for (const r of await query.all<Record<string, unknown>>(QUERIES.columns)) {
    const table = str(r.t_name);
    const column = tables.get(table)?.columns.find((c) => c.name === str(r.c_name));
    if (!column) continue;
    const object = `column ${table}.${column.name}`;
    const native = str(r.c_column_type);
    const json = column.type === 'json' && server.flavor === 'mariadb' && /^longtext$/i.test(native);
    if (column.type !== 'enum' && !json && withoutDisplayWidth(native) !== renderColumnType(column).toLowerCase()) {
      notes.push({ kind: 'approximated', table, object, problem: `its type ${native} reads as ${column.type}, which Tidemark writes as ${renderColumnType(column)}` });
    }
    const extra = str(r.c_extra);
    const dflt = r.c_default === null || r.c_default === undefined ? null : str(r.c_default);
    if (/GENERATED/i.test(extra) && !/DEFAULT_GENERATED/i.test(extra)) {
      notes.push({ kind: 'skipped', table, object, problem: `it is a generated column (${str(r.c_generation)}); models cannot say the expression` });
    } else if (dflt !== null && dflt.toUpperCase() !== 'NULL' && column.default === undefined && !column.autoIncrement) {
      notes.push({ kind: 'skipped', table, object, problem: `its default ${dflt} is an expression models cannot say; it is pulled without a default` });
    }
    if (/on update/i.test(extra)) notes.push({ kind: 'skipped', table, object, problem: `its ${extra.replace(/DEFAULT_GENERATED\s*/i, '')} cannot be said in a model` });
  }
  if (server.flavor === 'mariadb') {
    for (const r of await query.all<Record<string, unknown>>(QUERIES.checks)) {
      // a CHECK introspection read is a @Check the pulled model carries
      const read = tables.get(str(r.t_name))?.checks?.some((c) => c.name === str(r.k_name));
      if (tables.has(str(r.t_name)) && !read) notes.push({ kind: 'skipped', table: str(r.t_name), object: `constraint ${str(r.k_name)}`, problem: `models cannot say CHECK (${str(r.k_clause)}); keep it in a migration (db.execute)` });
    }
  }
  return { tables: [], notes };
}
