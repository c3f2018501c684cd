/**
 * fast-check arbitraries for the property tests: random valid schemas (every portable type,
 * keys, indexes, foreign keys between tables, self-references and cycles) and random valid
 * edits of them, with the rename hints the edits imply. Test-only; excluded from the build.
 */
import fc from 'fast-check';
import { PORTABLE_TYPES, type PortableType } from '../snapshot/portable-type.js';
import { normalizeSnapshot } from '../snapshot/normalize-snapshot.js';
import type {
  ColumnSnapshot, ForeignKeySnapshot, IndexSnapshot, ReferentialAction, SchemaSnapshot, TableSnapshot,
} from '../snapshot/schema-snapshot.js';
import type { RenameHints } from '../model/model-description.js';

export const TABLE_NAMES = ['t1', 't2', 't3', 't4', 't5'] as const;
/** Names only edits use (new tables, rename targets), so they also appear as fresh names. */
export const EXTRA_TABLE_NAMES = ['r1', 'r2', 'r3'] as const;
export const COLUMN_NAMES = ['id', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'] as const;
export const EXTRA_COLUMN_NAMES = ['x1', 'x2', 'x3'] as const;
const ACTIONS: readonly ReferentialAction[] = ['cascade', 'restrict', 'set null', 'no action'];
const ENUM_POOL = ['a', 'b', 'c', 'd'] as const;

/** A column definition of the given type, without its name. */
function columnOfType(type: PortableType): fc.Arbitrary<Omit<ColumnSnapshot, 'name'>> {
  const nullable = fc.boolean();
  const withDefault = <T>(def: fc.Arbitrary<T>) => fc.option(def, { nil: undefined });
  const base = <T extends object>(extra: fc.Arbitrary<T>) =>
    fc.tuple(nullable, extra).map(([n, e]) => ({ type, nullable: n, ...stripUndefined(e) }) as Omit<ColumnSnapshot, 'name'>);
  switch (type) {
    case 'i32': case 'i64':
      return base(fc.oneof(
        fc.record({ default: withDefault(fc.integer({ min: -5, max: 5 })) }),
        fc.constant({ autoIncrement: true }),
      ));
    case 'f64':
      return base(fc.record({ default: withDefault(fc.integer({ min: -5, max: 5 })) }));
    case 'decimal':
      return base(fc.integer({ min: 1, max: 20 }).chain((precision) =>
        fc.record({ precision: fc.constant(precision), scale: fc.integer({ min: 0, max: precision }), default: withDefault(fc.constant(0)) })));
    case 'string':
      return base(fc.record({ length: fc.integer({ min: 1, max: 1000 }), default: withDefault(fc.constantFrom('', 'x', 'hello')) }));
    case 'text': case 'json':
      return base(fc.record({ default: withDefault(fc.constantFrom('', '{}', 'text')) }));
    case 'boolean':
      return base(fc.record({ default: withDefault(fc.boolean()) }));
    case 'uuid': case 'bytes':
      return base(fc.constant({}));
    case 'date': case 'timestamp':
      return base(fc.record({ default: withDefault(fc.constant({ fn: 'now' as const })) }));
    case 'enum':
      return base(fc.uniqueArray(fc.constantFrom(...ENUM_POOL), { minLength: 1, maxLength: 4 }).chain((values) =>
        fc.record({ values: fc.constant(values), default: withDefault(fc.constantFrom(...values)) })));
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A column definition of any portable type. */
export const columnDefinition: fc.Arbitrary<Omit<ColumnSnapshot, 'name'>> = fc.constantFrom(...PORTABLE_TYPES).chain(columnOfType);

const picks = (min: number, max: number) => fc.array(fc.nat({ max: 20 }), { minLength: min, maxLength: max });

const foreignKeyGenes = fc.array(
  fc.record({ target: fc.nat({ max: 20 }), columns: picks(1, 2), onDelete: fc.constantFrom(...ACTIONS), onUpdate: fc.constantFrom(...ACTIONS) }),
  { maxLength: 2 },
);

const tableGenes = fc.record({
  columns: fc.uniqueArray(fc.constantFrom(...COLUMN_NAMES), { minLength: 1, maxLength: 5 })
    .chain((names) => fc.tuple(...names.map((name) => columnDefinition.map((d) => ({ ...d, name }) as ColumnSnapshot)))),
  key: picks(1, 2),
  indexes: fc.array(fc.record({ columns: picks(1, 2), unique: fc.boolean() }), { maxLength: 3 }),
  foreignKeys: foreignKeyGenes,
});
type TableGenes = typeof tableGenes extends fc.Arbitrary<infer T> ? T : never;

const modelName = (table: string): string => `M${table.toUpperCase()}`;

/** Distinct items of `list` at the picked positions. */
function pick<T>(list: readonly T[], positions: readonly number[]): T[] {
  const out: T[] = [];
  for (const p of positions) {
    const x = list[p % list.length]!;
    if (!out.includes(x)) out.push(x);
  }
  return out;
}

type MutableTable = { -readonly [K in keyof TableSnapshot]: TableSnapshot[K] extends readonly (infer E)[] ? E[] : TableSnapshot[K] };

function tableFrom(name: string, g: TableGenes): MutableTable {
  const columns = g.columns as ColumnSnapshot[];
  const names = columns.map((c) => c.name);
  return {
    name,
    model: modelName(name),
    columns: [...columns],
    primaryKey: pick(names, g.key),
    indexes: g.indexes.map((i) => {
      const cols = pick(names, i.columns);
      return { name: `idx_${name}_${cols.join('_')}`, columns: cols, unique: i.unique };
    }),
    foreignKeys: [],
  };
}

/** Adds a foreign key from `t` to `target`'s key, if `t` has enough columns. */
function addForeignKey(t: MutableTable, target: MutableTable, g: TableGenes['foreignKeys'][number]): void {
  const need = target.primaryKey.length;
  const own = t.columns.map((c) => c.name);
  const cols = pick(own, [...g.columns, 0, 1, 2, 3, 4, 5]).slice(0, need);
  if (cols.length < need) return;
  t.foreignKeys.push({
    name: `fk_${t.name}_${cols.join('_')}`, columns: cols, referencedTable: target.name, referencedColumns: [...target.primaryKey],
    onDelete: g.onDelete, onUpdate: g.onUpdate,
  });
}

/**
 * Makes a schema valid after free edits: keys, indexes and foreign keys only name columns that
 * exist; foreign keys point at an existing table's key (as `buildSnapshot` makes them); names
 * are unique per table.
 */
function repair(tables: MutableTable[]): SchemaSnapshot {
  for (const t of tables) {
    const names = t.columns.map((c) => c.name);
    t.primaryKey = t.primaryKey.filter((k) => names.includes(k));
    if (t.primaryKey.length === 0) t.primaryKey = [names[0]!];
    t.indexes = dedupe(t.indexes.filter((i) => i.columns.every((c) => names.includes(c))));
  }
  for (const t of tables) {
    const names = t.columns.map((c) => c.name);
    t.foreignKeys = dedupe(t.foreignKeys.flatMap((f) => {
      const target = tables.find((x) => x.name === f.referencedTable);
      if (!target || !f.columns.every((c) => names.includes(c)) || target.primaryKey.length !== f.columns.length) return [];
      return [{ ...f, referencedColumns: [...target.primaryKey] }];
    }));
  }
  return normalizeSnapshot({ format: 'tidemark.snapshot', version: 2, tables });
}

function dedupe<T extends { name: string }>(list: T[]): T[] {
  return list.filter((x, i) => list.findIndex((y) => y.name === x.name) === i);
}

/** A random valid schema over TABLE_NAMES. */
export const schemaArb: fc.Arbitrary<SchemaSnapshot> = fc.uniqueArray(fc.constantFrom(...TABLE_NAMES), { maxLength: 4 })
  .chain((names) => fc.tuple(fc.constant(names), fc.tuple(...names.map(() => tableGenes))))
  .map(([names, genes]) => {
    const tables = names.map((n, i) => tableFrom(n, genes[i]!));
    genes.forEach((g, i) => {
      for (const f of g.foreignKeys) addForeignKey(tables[i]!, tables[f.target % tables.length]!, f);
    });
    return repair(tables);
  });

const editArb = fc.oneof(
  fc.record({ kind: fc.constant('dropTable' as const), t: fc.nat() }),
  fc.record({ kind: fc.constant('addTable' as const), genes: tableGenes, fkTarget: fc.nat(), fk: foreignKeyGenes }),
  fc.record({ kind: fc.constant('renameTable' as const), t: fc.nat(), to: fc.constantFrom(...EXTRA_TABLE_NAMES, ...TABLE_NAMES) }),
  fc.record({ kind: fc.constant('addColumn' as const), t: fc.nat(), name: fc.constantFrom(...COLUMN_NAMES, ...EXTRA_COLUMN_NAMES), def: columnDefinition, at: fc.nat() }),
  fc.record({ kind: fc.constant('dropColumn' as const), t: fc.nat(), c: fc.nat() }),
  fc.record({ kind: fc.constant('alterColumn' as const), t: fc.nat(), c: fc.nat(), def: columnDefinition }),
  fc.record({ kind: fc.constant('renameColumn' as const), t: fc.nat(), c: fc.nat(), to: fc.constantFrom(...COLUMN_NAMES, ...EXTRA_COLUMN_NAMES) }),
  fc.record({ kind: fc.constant('setKey' as const), t: fc.nat(), key: picks(1, 2) }),
  fc.record({ kind: fc.constant('addIndex' as const), t: fc.nat(), columns: picks(1, 2), unique: fc.boolean() }),
  fc.record({ kind: fc.constant('dropIndex' as const), t: fc.nat(), i: fc.nat() }),
  fc.record({ kind: fc.constant('addForeignKey' as const), t: fc.nat(), target: fc.nat(), columns: picks(1, 2), onDelete: fc.constantFrom(...ACTIONS), onUpdate: fc.constantFrom(...ACTIONS) }),
  fc.record({ kind: fc.constant('dropForeignKey' as const), t: fc.nat(), i: fc.nat() }),
  fc.record({ kind: fc.constant('renameModel' as const), t: fc.nat() }),
);
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

/** A table being edited, remembering the names it and its columns had in the original schema. */
interface Tracked { table: MutableTable; origin?: string; columnOrigin: Map<ColumnSnapshot, string> }

function applyEdit(tracked: Tracked[], e: Edit): void {
  const at = <T>(list: T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
  const tr = 't' in e ? at(tracked, e.t) : undefined;
  const t = tr?.table;
  const renameRefs = (tableName: string, from: string, to: string) => {
    for (const x of tracked) {
      x.table.foreignKeys = x.table.foreignKeys.map((f) => (f.referencedTable === tableName
        ? { ...f, referencedColumns: f.referencedColumns.map((c) => (c === from ? to : c)) } : f));
    }
  };
  switch (e.kind) {
    case 'dropTable':
      if (tr) tracked.splice(tracked.indexOf(tr), 1);
      return;
    case 'addTable': {
      const name = [...TABLE_NAMES, ...EXTRA_TABLE_NAMES].find((n) => !tracked.some((x) => x.table.name === n));
      if (!name) return;
      const table = tableFrom(name, e.genes);
      tracked.push({ table, columnOrigin: new Map() });
      for (const f of e.fk) addForeignKey(table, tracked[e.fkTarget % tracked.length]!.table, f);
      return;
    }
    case 'renameTable':
      if (!t || tracked.some((x) => x.table.name === e.to)) return;
      for (const x of tracked) {
        x.table.foreignKeys = x.table.foreignKeys.map((f) => (f.referencedTable === t.name ? { ...f, referencedTable: e.to } : f));
      }
      t.name = e.to;
      return;
    case 'renameModel':
      if (t) t.model = `${t.model}X`;
      return;
    case 'addColumn': {
      if (!t || t.columns.some((c) => c.name === e.name)) return;
      t.columns.splice(e.at % (t.columns.length + 1), 0, { ...e.def, name: e.name } as ColumnSnapshot);
      return;
    }
    case 'dropColumn': {
      if (!t || t.columns.length < 2) return;
      const c = at(t.columns, e.c)!;
      t.columns = t.columns.filter((x) => x !== c);
      return;
    }
    case 'alterColumn': {
      const c = t && at(t.columns, e.c);
      if (!t || !tr || !c) return;
      const altered = { ...e.def, name: c.name } as ColumnSnapshot;
      const origin = tr.columnOrigin.get(c);
      if (origin !== undefined) tr.columnOrigin.set(altered, origin);
      t.columns = t.columns.map((x) => (x === c ? altered : x));
      return;
    }
    case 'renameColumn': {
      const c = t && at(t.columns, e.c);
      if (!t || !tr || !c || t.columns.some((x) => x.name === e.to)) return;
      const from = c.name;
      const renamed = { ...c, name: e.to };
      const origin = tr.columnOrigin.get(c);
      if (origin !== undefined) tr.columnOrigin.set(renamed, origin);
      const ren = (list: string[]) => list.map((x) => (x === from ? e.to : x));
      t.columns = t.columns.map((x) => (x === c ? renamed : x));
      t.primaryKey = ren(t.primaryKey);
      t.indexes = t.indexes.map((i) => ({ ...i, columns: ren([...i.columns]) }));
      t.foreignKeys = t.foreignKeys.map((f) => ({ ...f, columns: ren([...f.columns]) }));
      renameRefs(t.name, from, e.to);
      return;
    }
    case 'setKey':
      if (t) t.primaryKey = pick(t.columns.map((c) => c.name), e.key);
      return;
    case 'addIndex': {
      if (!t) return;
      const cols = pick(t.columns.map((c) => c.name), e.columns);
      t.indexes.push({ name: `idx_${t.name}_${cols.join('_')}`, columns: cols, unique: e.unique });
      return;
    }
    case 'dropIndex':
      if (t && t.indexes.length > 0) t.indexes.splice(e.i % t.indexes.length, 1);
      return;
    case 'addForeignKey':
      if (t) addForeignKey(t, tracked[e.target % tracked.length]!.table, e);
      return;
    case 'dropForeignKey':
      if (t && t.foreignKeys.length > 0) t.foreignKeys.splice(e.i % t.foreignKeys.length, 1);
      return;
  }
}

/** A schema, an edited copy of it, and the rename hints the edits imply. */
export interface EditedSchema {
  readonly before: SchemaSnapshot;
  readonly after: SchemaSnapshot;
  readonly hints: RenameHints;
}

function edit(before: SchemaSnapshot, edits: readonly Edit[]): EditedSchema {
  const tracked: Tracked[] = structuredClone(before.tables).map((t) => {
    const table = t as MutableTable;
    return { table, origin: t.name, columnOrigin: new Map(table.columns.map((c) => [c, c.name])) };
  });
  for (const e of edits) applyEdit(tracked, e);
  const after = repair(tracked.map((x) => x.table));
  const hints: { tables: { from: string; to: string }[]; columns: { table: string; from: string; to: string }[] } = { tables: [], columns: [] };
  for (const x of tracked) {
    if (x.origin === undefined) continue;
    if (x.origin !== x.table.name) hints.tables.push({ from: x.origin, to: x.table.name });
    for (const c of x.table.columns) {
      const o = x.columnOrigin.get(c);
      if (o !== undefined && o !== c.name) hints.columns.push({ table: x.table.name, from: o, to: c.name });
    }
  }
  return { before, after, hints };
}

/** A random valid schema and a random valid edit of it (1 to 8 steps). */
export const editedSchemaArb: fc.Arbitrary<EditedSchema> = fc.tuple(schemaArb, fc.array(editArb, { minLength: 1, maxLength: 8 }))
  .map(([before, edits]) => edit(before, edits));

/**
 * Two unrelated random schemas over the same name pools: most tables and columns collide by
 * name with other definitions, which stresses re-keying, type changes and index churn.
 */
export const schemaPairArb: fc.Arbitrary<EditedSchema> = fc.tuple(schemaArb, schemaArb)
  .map(([before, after]) => ({ before, after, hints: { tables: [], columns: [] } }));

/**
 * `shuffled` returns the same schema with tables, indexes and foreign keys in another order and
 * every object's keys in another order; columns and key columns keep their order.
 */
export function shuffled(s: SchemaSnapshot, seed: number): SchemaSnapshot {
  let state = seed >>> 0 || 1;
  const rand = () => { state = (state * 1103515245 + 12345) >>> 0; return state / 2 ** 32; };
  const shuffle = <T>(list: readonly T[]): T[] => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  const keys = <T extends object>(o: T): T => Object.fromEntries(shuffle(Object.entries(o))) as T;
  return keys({
    ...s,
    tables: shuffle(s.tables).map((t) => keys({
      ...t,
      columns: t.columns.map((c) => keys({ ...c })),
      indexes: shuffle(t.indexes).map((i) => keys({ ...i })),
      foreignKeys: shuffle(t.foreignKeys).map((f) => keys({ ...f })),
    })),
  });
}

export type { IndexSnapshot, ForeignKeySnapshot };
