import { snapshotInvalid } from '../errors/factories.js';
import { isIndexMethod, INDEX_METHODS, type IndexKeyOptions } from './index-options.js';
import { ELEMENT_TYPES, isElementType, isPortableType } from './portable-type.js';
import { normalizeSnapshot } from './normalize-snapshot.js';
import { upgradeSnapshotData } from './upgrade-snapshot.js';
import {
  SNAPSHOT_FORMAT, SNAPSHOT_VERSION,
  type ColumnSnapshot, type ForeignKeySnapshot, type IndexSnapshot, type SchemaSnapshot, type TableSnapshot,
} from './schema-snapshot.js';

const ACTIONS = ['cascade', 'restrict', 'set null', 'no action'];

/** Reads untrusted JSON field by field, failing with the JSON path of the first bad value. */
class Reader {
  constructor(readonly file: string) {}

  fail(path: string, problem: string): never {
    throw snapshotInvalid(this.file, `${path}: ${problem}`);
  }

  object(v: unknown, path: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, 'expected an object');
    return v as Record<string, unknown>;
  }

  array(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, 'expected an array');
    return v;
  }

  string(v: unknown, path: string): string {
    if (typeof v !== 'string' || v === '') this.fail(path, 'expected a non-empty string');
    return v;
  }

  strings(v: unknown, path: string): string[] {
    return this.array(v, path).map((x, i) => this.string(x, `${path}[${i}]`));
  }

  boolean(v: unknown, path: string): boolean {
    if (typeof v !== 'boolean') this.fail(path, 'expected true or false');
    return v;
  }

  positiveInt(v: unknown, path: string): number | undefined {
    if (v === undefined) return undefined;
    if (!Number.isInteger(v) || (v as number) < 0) this.fail(path, 'expected a whole number');
    return v as number;
  }
}

function readColumn(r: Reader, v: unknown, path: string): ColumnSnapshot {
  const o = r.object(v, path);
  const type = o.type;
  if (!isPortableType(type) && type !== 'array') r.fail(`${path}.type`, `unknown type ${JSON.stringify(type)}`);
  if (type === 'array' && !isElementType(o.items)) r.fail(`${path}.items`, `expected the element type of the array: one of ${ELEMENT_TYPES.join(', ')}`);
  if (type !== 'array' && o.items !== undefined) r.fail(`${path}.items`, 'only an array column has items');
  const d = o.default;
  const literal = (x: unknown) => ['string', 'number', 'boolean'].includes(typeof x);
  if (Array.isArray(d)) {
    if (type !== 'array') r.fail(`${path}.default`, 'a list default belongs to an array column');
    d.forEach((x, i) => { if (!literal(x)) r.fail(`${path}.default[${i}]`, 'expected a string, number or boolean'); });
  } else if (d !== undefined && !literal(d)) {
    const fn = r.object(d, `${path}.default`).fn;
    if (fn !== 'now') r.fail(`${path}.default`, 'expected a literal or { "fn": "now" }');
  }
  if (o.autoIncrement !== undefined) r.boolean(o.autoIncrement, `${path}.autoIncrement`);
  return {
    name: r.string(o.name, `${path}.name`),
    type,
    ...(type === 'array' ? { items: o.items as ColumnSnapshot['items'] } : {}),
    nullable: r.boolean(o.nullable, `${path}.nullable`),
    ...(d !== undefined ? { default: d as ColumnSnapshot['default'] } : {}),
    ...(o.autoIncrement === true ? { autoIncrement: true } : {}),
    ...(o.length !== undefined ? { length: r.positiveInt(o.length, `${path}.length`) } : {}),
    ...(o.precision !== undefined ? { precision: r.positiveInt(o.precision, `${path}.precision`) } : {}),
    ...(o.scale !== undefined ? { scale: r.positiveInt(o.scale, `${path}.scale`) } : {}),
    ...(o.values !== undefined ? { values: r.strings(o.values, `${path}.values`) } : {}),
  };
}

function readIndex(r: Reader, v: unknown, path: string): IndexSnapshot {
  const o = r.object(v, path);
  const columns = r.strings(o.columns, `${path}.columns`);
  const expression = o.expression === undefined ? undefined : r.string(o.expression, `${path}.expression`);
  if (expression === undefined && columns.length === 0) r.fail(`${path}.columns`, 'an index needs at least one column (or an expression)');
  if (expression !== undefined && columns.length > 0) r.fail(`${path}.columns`, 'an expression index has no columns');
  if (o.using !== undefined && !isIndexMethod(o.using)) r.fail(`${path}.using`, `expected one of ${INDEX_METHODS.join(', ')}`);
  return {
    name: r.string(o.name, `${path}.name`), columns, unique: r.boolean(o.unique, `${path}.unique`),
    ...(expression !== undefined ? { expression } : {}),
    ...(o.using !== undefined && o.using !== 'btree' ? { using: o.using as Exclude<IndexSnapshot['using'], undefined> } : {}),
    ...(o.where !== undefined ? { where: r.string(o.where, `${path}.where`) } : {}),
    ...(o.keyOptions !== undefined ? { keyOptions: readKeyOptions(r, o.keyOptions, columns, `${path}.keyOptions`) } : {}),
  };
}

function readKeyOptions(r: Reader, v: unknown, columns: readonly string[], path: string): Record<string, IndexKeyOptions> {
  const o = r.object(v, path);
  const out: Record<string, IndexKeyOptions> = {};
  for (const [column, raw] of Object.entries(o)) {
    if (!columns.includes(column)) r.fail(`${path}.${column}`, 'names a column the index does not have');
    const k = r.object(raw, `${path}.${column}`);
    for (const key of Object.keys(k)) if (!['order', 'nulls', 'ops'].includes(key)) r.fail(`${path}.${column}.${key}`, 'unknown option (expected order, nulls or ops)');
    if (k.order !== undefined && k.order !== 'asc' && k.order !== 'desc') r.fail(`${path}.${column}.order`, 'expected "asc" or "desc"');
    if (k.nulls !== undefined && k.nulls !== 'first' && k.nulls !== 'last') r.fail(`${path}.${column}.nulls`, 'expected "first" or "last"');
    out[column] = {
      ...(k.order === 'desc' ? { order: 'desc' as const } : {}),
      ...(k.nulls !== undefined ? { nulls: k.nulls as 'first' | 'last' } : {}),
      ...(k.ops !== undefined ? { ops: r.string(k.ops, `${path}.${column}.ops`) } : {}),
    };
  }
  return out;
}

function readAction(r: Reader, v: unknown, path: string): ForeignKeySnapshot['onDelete'] {
  if (typeof v !== 'string' || !ACTIONS.includes(v)) r.fail(path, `expected one of ${ACTIONS.join(', ')}`);
  return v as ForeignKeySnapshot['onDelete'];
}

function readForeignKey(r: Reader, v: unknown, path: string): ForeignKeySnapshot {
  const o = r.object(v, path);
  return {
    name: r.string(o.name, `${path}.name`),
    columns: r.strings(o.columns, `${path}.columns`),
    referencedTable: r.string(o.referencedTable, `${path}.referencedTable`),
    referencedColumns: r.strings(o.referencedColumns, `${path}.referencedColumns`),
    onDelete: readAction(r, o.onDelete, `${path}.onDelete`),
    onUpdate: readAction(r, o.onUpdate, `${path}.onUpdate`),
  };
}

function readTable(r: Reader, v: unknown, path: string): TableSnapshot {
  const o = r.object(v, path);
  const columns = r.array(o.columns, `${path}.columns`).map((c, i) => readColumn(r, c, `${path}.columns[${i}]`));
  const primaryKey = r.strings(o.primaryKey, `${path}.primaryKey`);
  const names = new Set(columns.map((c) => c.name));
  for (const k of primaryKey) if (!names.has(k)) r.fail(`${path}.primaryKey`, `names unknown column ${k}`);
  const indexes = r.array(o.indexes, `${path}.indexes`).map((x, i) => readIndex(r, x, `${path}.indexes[${i}]`));
  const foreignKeys = r.array(o.foreignKeys, `${path}.foreignKeys`).map((x, i) => readForeignKey(r, x, `${path}.foreignKeys[${i}]`));
  for (const [field, list] of [['columns', columns], ['indexes', indexes], ['foreignKeys', foreignKeys]] as const) {
    const seen = new Set<string>();
    for (const item of list) {
      if (seen.has(item.name)) r.fail(`${path}.${field}`, `${item.name} appears twice`);
      seen.add(item.name);
    }
    if (field !== 'columns') {
      for (const item of list as readonly { name: string; columns: readonly string[] }[]) {
        for (const c of item.columns) if (!names.has(c)) r.fail(`${path}.${field}`, `${item.name} names unknown column ${c}`);
      }
    }
  }
  const checks = o.checks === undefined ? [] : r.array(o.checks, `${path}.checks`).map((x, i) => {
    const c = r.object(x, `${path}.checks[${i}]`);
    return { name: r.string(c.name, `${path}.checks[${i}].name`), expression: r.string(c.expression, `${path}.checks[${i}].expression`) };
  });
  const seenChecks = new Set<string>();
  for (const c of checks) {
    if (seenChecks.has(c.name)) r.fail(`${path}.checks`, `${c.name} appears twice`);
    seenChecks.add(c.name);
  }
  return {
    name: r.string(o.name, `${path}.name`),
    model: typeof o.model === 'string' ? o.model : '',
    columns,
    primaryKey,
    indexes,
    foreignKeys,
    ...(checks.length > 0 ? { checks } : {}),
  };
}

/**
 * `validateSnapshot` checks untrusted data against the snapshot format and returns it in
 * canonical form. A file from a newer Tidemark, or one that is damaged, is TM_SNAPSHOT_INVALID
 * naming the JSON path — never a crash and never a silent reset.
 */
export function validateSnapshot(data: unknown, file = '.schema.json'): SchemaSnapshot {
  const r = new Reader(file);
  const raw = r.object(data, '$');
  if (raw.format !== SNAPSHOT_FORMAT) r.fail('$.format', `expected "${SNAPSHOT_FORMAT}"; this is not a Tidemark snapshot`);
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) r.fail('$.version', 'expected a version number');
  const version = raw.version as number;
  if (version > SNAPSHOT_VERSION) {
    throw snapshotInvalid(
      file,
      `was written by a newer Tidemark (snapshot version ${String(raw.version)}; this one reads up to ${SNAPSHOT_VERSION})`,
      'upgrade Tidemark (npm install @tidemark/cli@latest) and run the command again',
    );
  }
  // an older file is read as the current version (docs: upgrade-snapshot.ts)
  const o = upgradeSnapshotData(raw, version, SNAPSHOT_VERSION);
  const tables = r.array(o.tables, '$.tables').map((t, i) => readTable(r, t, `$.tables[${i}]`));
  const seen = new Set<string>();
  for (const t of tables) {
    if (seen.has(t.name)) r.fail('$.tables', `table ${t.name} appears twice`);
    seen.add(t.name);
  }
  return normalizeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, tables });
}

/** `parseSnapshot` parses and validates the text of a `.schema.json` file. */
export function parseSnapshot(text: string, file = '.schema.json'): SchemaSnapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw snapshotInvalid(file, `is not valid JSON (${(err as Error).message})`);
  }
  return validateSnapshot(data, file);
}
