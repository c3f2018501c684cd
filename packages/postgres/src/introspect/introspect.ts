import {
  normalizeSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION,
  normalizeIndexOptions, type CheckSnapshot, type ColumnSnapshot, type ForeignKeySnapshot, type IndexSnapshot, type ReferentialAction, type SchemaSnapshot, type TableSnapshot,
} from '@tidemark/core';
import type { SqlExecutor } from '@tidemark/sql';
import { enumCheckName, markShort } from '@tidemark/sql/postgres';
import { parseDefault } from './parse-default.js';
import { parseEnumCheck } from './parse-enum-check.js';
import { storedType } from './pg-type.js';

interface ColumnRow {
  readonly table_name: string;
  readonly column_name: string | null;
  readonly type_name: string | null;
  readonly typmod: number | null;
  readonly not_null: boolean | null;
  readonly identity: string | null;
  readonly default_expr: string | null;
}
interface ConstraintRow {
  readonly table_name: string;
  readonly name: string;
  readonly type: 'p' | 'f' | 'c';
  readonly columns: string[];
  readonly quoted_columns: string[];
  readonly referenced_table: string | null;
  readonly referenced_columns: string[];
  readonly on_delete: string;
  readonly on_update: string;
  readonly definition: string;
}
interface IndexRow {
  readonly table_name: string;
  readonly name: string;
  readonly is_unique: boolean;
  readonly columns: string[];
  /** Per key: whether it is an expression. */
  readonly expressions: boolean[];
  /** Per key: pg_index.indoption (1 = DESC, 2 = NULLS FIRST). */
  readonly key_options: number[];
  /** Per key: the operator class when it is not the type's default, else null. */
  readonly opclasses: (string | null)[];
  readonly method: string;
  readonly predicate: string | null;
}

// Ordinary and partitioned tables of the schema (not partitions, views or Tidemark's own tables).
const TABLES = `c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition`;

const COLUMNS = `SELECT c.relname AS table_name, a.attname AS column_name, t.typname AS type_name, a.atttypmod AS typmod,
  a.attnotnull AS not_null, a.attidentity AS identity, pg_get_expr(d.adbin, d.adrelid) AS default_expr
FROM pg_class c
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE ${TABLES}
ORDER BY c.relname, a.attnum`;

// Column lists in key order; `unnest … WITH ORDINALITY` keeps conkey's order.
const names = (keys: string, rel: string): string =>
  `ARRAY(SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.attnum ORDER BY k.n)`;

const CONSTRAINTS = `SELECT c.relname AS table_name, con.conname AS name, con.contype AS type,
  ${names('con.conkey', 'con.conrelid')} AS columns,
  ARRAY(SELECT quote_ident(a.attname) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS quoted_columns,
  fc.relname AS referenced_table, ${names('con.confkey', 'con.confrelid')} AS referenced_columns,
  con.confdeltype AS on_delete, con.confupdtype AS on_update, pg_get_constraintdef(con.oid) AS definition
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
WHERE ${TABLES} AND con.contype IN ('p', 'f', 'c')
ORDER BY c.relname, con.conname`;

// Indexes, except the primary key's and exclusion constraints' own; a UNIQUE constraint's index
// is what the model calls a unique index. Expression columns read as their expression.
const INDEXES = `SELECT c.relname AS table_name, ic.relname AS name, i.indisunique AS is_unique,
  ARRAY(SELECT coalesce(a.attname::text, pg_get_indexdef(i.indexrelid, k.n::int, true))
        FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n)
        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum <> 0
        WHERE k.n <= i.indnkeyatts ORDER BY k.n) AS columns,
  ARRAY(SELECT k.attnum = 0 FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n) WHERE k.n <= i.indnkeyatts ORDER BY k.n) AS expressions,
  i.indoption::int2[] AS key_options,
  ARRAY(SELECT CASE WHEN oc.opcdefault THEN NULL ELSE oc.opcname::text END
        FROM unnest(i.indclass::oid[]) WITH ORDINALITY k(opc, n) JOIN pg_opclass oc ON oc.oid = k.opc ORDER BY k.n) AS opclasses,
  am.amname AS method, pg_get_expr(i.indpred, i.indrelid, true) AS predicate
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
JOIN pg_class c ON c.oid = i.indrelid
WHERE ${TABLES} AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'x'))
ORDER BY c.relname, ic.relname`;

const ACTIONS: Record<string, ReferentialAction> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null' };

/** `isManagedTable` tells whether introspection covers a table: every table of the schema except Tidemark's own (`_tidemark_*`). */
export function isManagedTable(name: string): boolean {
  return !name.startsWith('_tidemark_');
}

function groupBy<T extends { table_name: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(r.table_name, [...(out.get(r.table_name) ?? []), r]);
  return out;
}

function readColumn(r: ColumnRow, enumValues: ReadonlyMap<string, string[]>): ColumnSnapshot {
  const stored = storedType(r.type_name!, r.typmod ?? -1);
  const textual = stored.type === 'text' || (stored.type === 'array' && stored.items === 'text');
  const values = textual ? enumValues.get(r.column_name!) : undefined;
  const type = values && stored.type === 'text' ? 'enum' : stored.type;
  const items = values && stored.type === 'array' ? 'enum' : stored.items;
  const read = parseDefault(r.default_expr, type, items);
  const autoIncrement = r.identity === 'a' || r.identity === 'd' || read.serial === true;
  return {
    name: r.column_name!,
    type,
    ...(items !== undefined ? { items } : {}),
    nullable: !r.not_null,
    ...(read.default !== undefined ? { default: read.default } : {}),
    ...(autoIncrement ? { autoIncrement: true } : {}),
    ...(stored.length !== undefined ? { length: stored.length } : {}),
    ...(stored.precision !== undefined ? { precision: stored.precision } : {}),
    ...(stored.scale !== undefined ? { scale: stored.scale } : {}),
    ...(values ? { values } : {}),
  };
}

/**
 * An index as the catalog describes it, options included: the method, a partial index's
 * predicate, a single expression key, and each column's order, NULLs placement and non-default
 * operator class (`normalizeIndexOptions` drops what is PostgreSQL's default).
 */
function readIndex(i: IndexRow): IndexSnapshot {
  const expression = i.expressions.length === 1 && i.expressions[0] ? i.columns[0] : undefined;
  const keyOptions: Record<string, { order?: string; nulls?: string; ops?: string }> = {};
  i.columns.forEach((column, k) => {
    if (i.expressions[k]) return;
    const option = i.key_options[k] ?? 0;
    const desc = (option & 1) !== 0;
    keyOptions[column] = {
      ...(desc ? { order: 'desc' } : {}),
      nulls: (option & 2) !== 0 ? 'first' : 'last',
      ...(i.opclasses[k] ? { ops: i.opclasses[k]! } : {}),
    };
  });
  return {
    name: i.name, columns: expression !== undefined ? [] : i.columns, unique: i.is_unique,
    ...normalizeIndexOptions({
      ...(expression !== undefined ? { expression } : {}),
      ...(i.method !== 'btree' ? { using: i.method as Exclude<IndexSnapshot['using'], undefined> } : {}),
      ...(i.predicate !== null ? { where: i.predicate } : {}),
      keyOptions: keyOptions as IndexSnapshot['keyOptions'],
    }),
  };
}

function readTable(name: string, columns: readonly ColumnRow[], constraints: readonly ConstraintRow[], indexes: readonly IndexRow[]): TableSnapshot {
  const enumValues = new Map<string, string[]>();
  const checks: CheckSnapshot[] = [];
  for (const c of constraints) {
    if (c.type !== 'c') continue;
    const values = c.columns.length === 1 ? parseEnumCheck(c.definition, c.quoted_columns[0]!) : undefined;
    // an enum's own CHECK is named chk_<table>_<column>; any other CHECK is a model's @Check
    if (values && c.name === enumCheckName(name, c.columns[0]!)) enumValues.set(c.columns[0]!, values);
    else checks.push({ name: c.name, expression: c.definition.replace(/^CHECK \(([\s\S]*)\)( NOT VALID)?$/, '$1') });
  }
  const foreignKeys: ForeignKeySnapshot[] = constraints.filter((c) => c.type === 'f').map((c) => ({
    name: c.name,
    columns: c.columns,
    referencedTable: c.referenced_table ?? '',
    referencedColumns: c.referenced_columns,
    onDelete: ACTIONS[c.on_delete] ?? 'no action',
    onUpdate: ACTIONS[c.on_update] ?? 'no action',
  }));
  const indexSnapshots: IndexSnapshot[] = indexes.map(readIndex);
  return {
    name,
    model: '',
    columns: columns.filter((r) => r.column_name !== null).map((r) => readColumn(r, enumValues)),
    primaryKey: constraints.find((c) => c.type === 'p')?.columns ?? [],
    indexes: indexSnapshots,
    foreignKeys,
    ...(checks.length > 0 ? { checks } : {}),
  };
}

/**
 * `introspectPostgres` reads the live schema `schema` as a snapshot (model '' for every table)
 * from pg_catalog, in three queries whatever the number of tables (one when there is none):
 * columns with their types, defaults and identity; constraints (key, foreign keys, the CHECKs
 * that make enums); indexes.
 * Tidemark's `_tidemark_*` tables are skipped. Compare it with a file's snapshot through
 * `comparableSnapshot`.
 */
export async function introspectPostgres(executor: SqlExecutor, schema: string): Promise<SchemaSnapshot> {
  const columns = groupBy(await executor.all<ColumnRow>(COLUMNS, [schema]));
  const names = [...columns.keys()].filter(isManagedTable);
  // The columns query lists every table; with none (a new database) the other two have nothing
  // to add, and they are the slow ones on a fresh session's cold catalog cache.
  if (names.length === 0) return markShort(normalizeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, tables: [] }));
  const constraints = groupBy(await executor.all<ConstraintRow>(CONSTRAINTS, [schema]));
  const indexes = groupBy(await executor.all<IndexRow>(INDEXES, [schema]));
  const tables = names.map((name) => readTable(name, columns.get(name)!, constraints.get(name) ?? [], indexes.get(name) ?? []));
  return markShort(normalizeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, tables }));
}
