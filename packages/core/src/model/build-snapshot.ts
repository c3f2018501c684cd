import { modelInvalid } from '../errors/factories.js';
import { columnName, foreignKeyName, indexName, tableName } from '../naming.js';
import { DEFAULT_DECIMAL, DEFAULT_STRING_LENGTH, elementOfTypeName, type ColumnType, type ElementType } from '../snapshot/portable-type.js';
import { normalizeSnapshot } from '../snapshot/normalize-snapshot.js';
import {
  emptySnapshot, isDefaultNow,
  type ColumnSnapshot, type ForeignKeySnapshot, type IndexSnapshot, type SchemaSnapshot, type TableSnapshot,
} from '../snapshot/schema-snapshot.js';
import { checkColumn } from './check-column.js';
import { checkOf } from './check-declarations.js';
import { classIndexOptions, distinctIndexNames, expressionIndexName } from './index-declarations.js';
import type { ModelDescription, PropertyDescription, RenameHints } from './model-description.js';
import type { SourceLocation } from '../errors/factories.js';
import { hasIndexOptions } from '../snapshot/index-options.js';

/**
 * `BuiltSchema` is a snapshot plus what the models say about how to get there: the renames they
 * declare, and the indexes to build CONCURRENTLY (an operation option, not part of the schema).
 */
export interface BuiltSchema {
  readonly snapshot: SchemaSnapshot;
  readonly hints: RenameHints;
  readonly concurrentIndexes: readonly { readonly table: string; readonly index: string }[];
  /** Where each index was declared (an index a foreign key adds: its relation), so a backend's refusal can name the model's file and line. */
  readonly indexSources: readonly { readonly table: string; readonly index: string; readonly at: SourceLocation }[];
  /** Where each `@Check` was declared, for the same reason. */
  readonly checkSources: readonly { readonly table: string; readonly check: string; readonly at: SourceLocation }[];
}

const loc = (m: ModelDescription, p?: PropertyDescription) => ({
  file: p?.file ?? m.file, line: p?.line ?? m.line, model: m.className, ...(p ? { property: p.name } : {}),
});

/** The column a property maps to: its type, or why it has none. */
function columnType(m: ModelDescription, p: PropertyDescription): { type: ColumnType; items?: ElementType; values?: readonly string[] } {
  const items = elementOfTypeName(p.column?.type);
  if (items) {
    // `@Column({ type: 'enum[]' })`: the values come from the element type, as for one enum
    if (items === 'enum' && p.type.kind !== 'enum') {
      throw modelInvalid(loc(m, p), "@Column({ type: 'enum[]' }) needs the values", "declare them: @Column({ type: 'enum[]', enum: ['a', 'b'] }) or a union element type");
    }
    return { type: 'array', items, ...(items === 'enum' && p.type.kind === 'enum' ? { values: p.type.values } : {}) };
  }
  if (p.column?.type) {
    if (p.column.type === 'enum' && p.type.kind !== 'enum') {
      throw modelInvalid(loc(m, p), '@Column({ type: "enum" }) needs a string-literal union or a string enum type', 'declare the values as a union type');
    }
    // values belong to enum columns only; a union stored as string or text keeps none
    return p.type.kind === 'enum' && p.column.type === 'enum' ? { type: 'enum', values: p.type.values } : { type: p.column.type as ColumnType };
  }
  switch (p.type.kind) {
    case 'scalar': return { type: p.type.type };
    case 'enum': return { type: 'enum', values: p.type.values };
    case 'model':
      throw modelInvalid(loc(m, p), `type ${p.type.name} is a model; a relation needs @BelongsTo, @HasMany or @HasOne`, `add @BelongsTo(() => ${p.type.name}) or @Ignore()`);
    case 'unknown':
      throw modelInvalid(
        loc(m, p), `Tidemark cannot map type \`${p.type.text}\` to a column`,
        'use number, bigint, string, boolean, Date, Float, Decimal, Uuid, Text, Json<T>, Uint8Array, a string-literal union, or @Column({ type }); or mark it @Ignore()',
      );
  }
}

function buildColumn(m: ModelDescription, p: PropertyDescription, name: string): ColumnSnapshot {
  const { type, items, values } = columnType(m, p);
  // an array initializer (`tags: string[] = []`) was never a json column's default: only an array column's
  const def = p.default ?? (Array.isArray(p.initializer) && type !== 'array' ? undefined : p.initializer);
  const scalar = type === 'array' ? items! : type;
  if (isDefaultNow(def) && type !== 'timestamp' && type !== 'date') {
    throw modelInvalid(loc(m, p), 'Default.now only fits a Date column', 'remove @Default(Default.now) or make the property a Date');
  }
  for (const one of Array.isArray(def) ? def : [def]) {
    if (typeof one === 'string' && values && !values.includes(one)) {
      throw modelInvalid(loc(m, p), `default ${JSON.stringify(one)} is not one of ${values.join(', ')}`, 'pick one of the enum values');
    }
  }
  if (p.auto && type !== 'i32' && type !== 'i64') {
    throw modelInvalid(loc(m, p), '@Auto() needs a number or bigint property', 'remove @Auto() or change the type');
  }
  if (p.auto && !p.key) {
    // databases number rows automatically only through the key (SQLite: INTEGER PRIMARY KEY)
    throw modelInvalid(loc(m, p), '@Auto() needs @Key(): only a key column can be numbered automatically', 'add @Key(), or remove @Auto()');
  }
  if (p.auto && m.properties.filter((x) => x.key && !x.ignore).length > 1) {
    throw modelInvalid(loc(m, p), '@Auto() cannot be part of a composite key', 'remove @Auto(), or make this property the only @Key()');
  }
  checkColumn(loc(m, p), {
    name, type, ...(items ? { items } : {}), ...(def !== undefined ? { default: def } : {}),
    ...(p.column?.length !== undefined ? { length: p.column.length } : {}),
    ...(p.column?.precision !== undefined ? { precision: p.column.precision } : {}),
    ...(p.column?.scale !== undefined ? { scale: p.column.scale } : {}),
  });
  if (scalar === 'decimal' && p.column?.precision === undefined && (p.column?.scale ?? 0) > DEFAULT_DECIMAL.precision) {
    throw modelInvalid(loc(m, p), `scale ${p.column!.scale} is larger than the default precision ${DEFAULT_DECIMAL.precision}`, 'give @Column({ precision }) too');
  }
  if (p.column?.renamedFrom !== undefined && p.column.renamedFrom.trim() === '') {
    throw modelInvalid(loc(m, p), 'renamedFrom is empty', 'name the column it was renamed from, or remove renamedFrom');
  }
  const col: ColumnSnapshot = {
    name,
    type,
    ...(items ? { items } : {}),
    nullable: p.column?.nullable ?? p.optional,
    ...(def !== undefined ? { default: Array.isArray(def) ? [...def] : def } : {}),
    ...(p.auto ? { autoIncrement: true } : {}),
    ...(scalar === 'string' ? { length: p.column?.length ?? DEFAULT_STRING_LENGTH } : {}),
    ...(scalar === 'decimal' ? { precision: p.column?.precision ?? DEFAULT_DECIMAL.precision, scale: p.column?.scale ?? DEFAULT_DECIMAL.scale } : {}),
    ...(values ? { values: [...values] } : {}),
  };
  return col;
}

interface PendingForeignKey { readonly model: ModelDescription; readonly property: PropertyDescription; readonly keys: RelationKeys }

/**
 * `buildSnapshot` turns model descriptions into a schema snapshot: naming rules, type mapping,
 * relations as foreign key columns, constraints and indexes. A model it cannot understand is
 * TM_MODEL_INVALID naming file, line and property.
 */
export function buildSnapshot(models: readonly ModelDescription[]): BuiltSchema {
  const byClass = new Map<string, ModelDescription>();
  const byTable = new Map<string, ModelDescription>();
  for (const m of models) {
    const other = byClass.get(m.className);
    if (other) throw modelInvalid(loc(m), `model ${m.className} is declared twice (also in ${other.file})`, 'rename one of the classes');
    byClass.set(m.className, m);
    if (m.table !== undefined && m.table.trim() === '') throw modelInvalid(loc(m), 'the table name is empty', 'remove @Model({ table: "" }), or give it a name');
    if (m.renamedFrom !== undefined && m.renamedFrom.trim() === '') throw modelInvalid(loc(m), 'renamedFrom is empty', 'name the table it was renamed from, or remove renamedFrom');
    const table = m.table ?? tableName(m.className);
    const clash = byTable.get(table);
    if (clash) throw modelInvalid(loc(m), `models ${clash.className} and ${m.className} both map to table ${table}`, 'give one of them @Model({ table: "..." })');
    byTable.set(table, m);
  }
  // Memoized: the foreign key pass looks tables up once per model per relation, and tableName runs regexes.
  const tableNames = new Map<ModelDescription, string>();
  const tableOf = (m: ModelDescription): string => {
    let name = tableNames.get(m);
    if (name === undefined) tableNames.set(m, (name = m.table ?? tableName(m.className)));
    return name;
  };
  const hints = { tables: [] as { from: string; to: string }[], columns: [] as { table: string; from: string; to: string }[] };
  const tables: TableSnapshot[] = [];
  const pending: PendingForeignKey[] = [];
  // Keyed by the index object: names may still change when default names clash (distinctIndexNames).
  const concurrent = new Set<IndexSnapshot>();
  const named = new Set<IndexSnapshot>();
  const sources = new Map<IndexSnapshot, SourceLocation>();
  const checkSources: { table: string; check: string; at: SourceLocation }[] = [];
  /** An index as the decorators describe it: unique ones may be application-enforced. */
  const indexOf = (
    at: SourceLocation, table: string, name: string | undefined, columns: string[], unique: boolean,
    o: { applicationEnforced?: boolean; concurrently?: boolean }, options: Partial<IndexSnapshot> = {},
  ): IndexSnapshot => {
    const index: IndexSnapshot = {
      name: name ?? (options.expression !== undefined ? expressionIndexName(table, options.expression) : indexName(table, columns)),
      columns, unique, ...(unique && o.applicationEnforced ? { applicationEnforced: true as const } : {}), ...options,
    };
    if (o.concurrently) concurrent.add(index);
    if (name !== undefined) named.add(index);
    sources.set(index, at);
    return index;
  };

  for (const m of models) {
    const table = tableOf(m);
    if (m.renamedFrom) hints.tables.push({ from: m.renamedFrom, to: table });
    const columns: ColumnSnapshot[] = [];
    const columnOf = new Map<string, string>();
    const primaryKey: string[] = [];
    const indexes: IndexSnapshot[] = [];
    for (const p of m.properties) {
      if (p.ignore) continue;
      if (p.relation) {
        if (!byClass.has(p.relation.target)) {
          throw modelInvalid(loc(m, p), `relation target ${p.relation.target} is not a model`, `add @Model() to class ${p.relation.target}, or fix the target`);
        }
        if (p.key) throw modelInvalid(loc(m, p), '@Key() cannot be put on a relation', `put @Key() on the foreign key property (${[p.relation.options?.key ?? `${p.name}Id`].flat().join(', ')})`);
        if (p.relation.kind !== 'belongsTo') continue;
        pending.push({ model: m, property: p, keys: relationKeys(m, p, byClass.get(p.relation.target)!) });
        continue;
      }
      const name = p.column?.name ?? columnName(p.name);
      if (columnOf.has(p.name) || columns.some((c) => c.name === name)) {
        throw modelInvalid(loc(m, p), `column ${name} is declared twice`, 'give one of the properties @Column({ name: "..." })');
      }
      columns.push(buildColumn(m, p, name));
      columnOf.set(p.name, name);
      if (p.column?.renamedFrom) hints.columns.push({ table, from: p.column.renamedFrom, to: name });
      if (p.key) primaryKey.push(name);
      if (p.unique || p.index) indexes.push(indexOf(loc(m, p), table, undefined, [name], !!p.unique, p));
    }
    if (primaryKey.length === 0) {
      throw modelInvalid(loc(m), `model ${m.className} has no @Key()`, 'mark its key property with @Key() (and @Auto() for an auto-increment id)');
    }
    for (const idx of m.indexes) {
      const at = { ...loc(m), file: idx.file ?? m.file, line: idx.line ?? m.line };
      const columnsFor = (prop: string): readonly string[] => {
        const c = columnOf.get(prop) ? [columnOf.get(prop)!] : relationColumns(m, prop, byClass);
        if (!c) throw modelInvalid(at, `@Index names unknown property ${prop}`, 'use property names of this class');
        return c;
      };
      const cols = idx.properties.flatMap(columnsFor);
      indexes.push(indexOf(at, table, idx.name, [...cols], idx.unique ?? false, idx, classIndexOptions(at, idx, (prop) => columnsFor(prop)[0]!)));
    }
    const checks = (m.checks ?? []).map((c) => {
      const at = { ...loc(m), line: c.line ?? m.line };
      checkSources.push({ table, check: c.name, at });
      return checkOf(at, c);
    });
    const twice = checks.find((c, i) => checks.findIndex((x) => x.name === c.name) !== i);
    if (twice) throw modelInvalid(loc(m), `two checks of ${m.className} are named ${twice.name}`, 'give each @Check its own name');
    tables.push({ name: table, model: m.className, columns, primaryKey, indexes, foreignKeys: [], ...(checks.length > 0 ? { checks } : {}) });
  }

  // Foreign keys go last: they need every table's key columns.
  const tableByName = new Map(tables.map((t) => [t.name, t]));
  for (const { model: m, property: p, keys } of pending) {
    const table = tableByName.get(tableOf(m))!;
    const targetTable = tableByName.get(tableOf(byClass.get(p.relation!.target)!))!;
    const fkIndex = (columns: readonly string[]): IndexSnapshot => indexOf(loc(m, p), table.name, undefined, [...columns], false, {});
    (table.foreignKeys as ForeignKeySnapshot[]).push(buildForeignKey(m, p, keys, table, targetTable, fkIndex));
  }
  const renamed = new Map<IndexSnapshot, IndexSnapshot>();
  for (const [k, t] of tables.entries()) {
    const indexes = distinctIndexNames(t.indexes, named);
    t.indexes.forEach((before, j) => renamed.set(before, indexes[j]!));
    tables[k] = { ...t, indexes };
    refuseDuplicateNames(byTable.get(t.name)!, tables[k]!);
  }
  const final = (i: IndexSnapshot): IndexSnapshot => renamed.get(i) ?? i;
  const tableOfIndex = new Map<IndexSnapshot, string>(tables.flatMap((t) => t.indexes.map((i) => [i, t.name] as const)));
  const concurrentIndexes = [...concurrent].map((i) => ({ table: tableOfIndex.get(final(i))!, index: final(i).name }));
  const indexSources = [...sources].map(([i, at]) => ({ table: tableOfIndex.get(final(i))!, index: final(i).name, at }));
  return { snapshot: normalizeSnapshot({ ...emptySnapshot(), tables }), hints, concurrentIndexes, indexSources, checkSources };
}

/** The local and target columns of a `@BelongsTo`, pair by pair, as the model declares or implies them. */
interface RelationKeys { readonly columns: readonly string[]; readonly referencedColumns: readonly string[] }

const asList = (v: string | readonly string[] | undefined): readonly string[] | undefined => (v === undefined ? undefined : typeof v === 'string' ? [v] : v);
const propertyColumn = (m: ModelDescription, prop: string): string | undefined => {
  const declared = m.properties.find((x) => x.name === prop && !x.ignore);
  return !declared || declared.relation ? undefined : declared.column?.name ?? columnName(prop);
};

/**
 * `relationKeys` pairs a `@BelongsTo`'s local columns with the target columns they reference:
 * `references` names target properties (default: the target's key), `key` the local properties
 * (default `<property>Id` for a single-column target key, `<property><Referenced>` otherwise).
 */
function relationKeys(m: ModelDescription, p: PropertyDescription, target: ModelDescription): RelationKeys {
  const o = p.relation?.options ?? {};
  const given = asList(o.references);
  const references = given ?? target.properties.filter((x) => x.key && !x.ignore).map((x) => x.name);
  if (given?.length === 0 || asList(o.key)?.length === 0) {
    throw modelInvalid(loc(m, p), `@BelongsTo ${given?.length === 0 ? 'references' : 'key'} lists no property`, 'name at least one property, or leave the option out');
  }
  const keys = asList(o.key) ?? (references.length === 1 && !given ? [`${p.name}Id`] : references.map((r) => `${p.name}${r[0]!.toUpperCase()}${r.slice(1)}`));
  if (keys.length !== references.length) {
    throw modelInvalid(loc(m, p), `@BelongsTo key names ${keys.length} propert${keys.length === 1 ? 'y' : 'ies'} but it references ${references.length} (${references.join(', ')})`,
      'give one key property per referenced property, in the same order');
  }
  const referencedColumns = references.map((r) => {
    const c = propertyColumn(target, r);
    if (c === undefined) throw modelInvalid(loc(m, p), `@BelongsTo references ${r}, which is not a column property of ${target.className}`, `name properties of ${target.className} that hold columns`);
    return c;
  });
  return { columns: keys.map((k) => m.properties.find((x) => x.name === k)?.column?.name ?? columnName(k)), referencedColumns };
}

/** The foreign key columns of a relation property named in `@Index([...])`. */
function relationColumns(m: ModelDescription, prop: string, byClass: ReadonlyMap<string, ModelDescription>): readonly string[] | undefined {
  const rel = m.properties.find((p) => p.name === prop && p.relation?.kind === 'belongsTo');
  const target = rel && byClass.get(rel.relation!.target);
  return rel && target ? relationKeys(m, rel, target).columns : undefined;
}

/**
 * `buildForeignKey` makes a `@BelongsTo`'s constraint: its columns (created from the referenced
 * ones when no property declares them), checked to reference the target's key or one of its unique
 * indexes (what every SQL database requires), and an index on them unless one already leads with
 * them or the model says `index: false`.
 */
function buildForeignKey(
  m: ModelDescription, p: PropertyDescription, keys: RelationKeys, table: TableSnapshot, target: TableSnapshot,
  makeIndex: (columns: readonly string[]) => IndexSnapshot,
): ForeignKeySnapshot {
  const rel = p.relation!;
  const { columns, referencedColumns } = keys;
  const same = (a: readonly string[]) => a.length === referencedColumns.length && a.every((c, i) => c === referencedColumns[i]);
  if (!same(target.primaryKey) && !target.indexes.some((i) => i.unique && same(i.columns))) {
    const what = referencedColumns.join(', ');
    throw modelInvalid(loc(m, p), `@BelongsTo references ${target.name}(${what}), which is neither its key (${target.primaryKey.join(', ')}) nor a unique index`,
      asList(rel.options?.references) ? `give ${rel.target} a unique index on exactly (${what}), in that order: @Unique() or @Index([...], { unique: true })` : 'name the referenced properties: @BelongsTo(() => Target, { key: [...], references: [...] })');
  }
  const fkColumns = columns.map((column, i) => {
    const existing = table.columns.find((c) => c.name === column);
    if (existing) return existing;
    const ref = target.columns.find((c) => c.name === referencedColumns[i])!;
    const made: ColumnSnapshot = {
      name: column, type: ref.type, nullable: p.optional,
      ...(ref.length !== undefined ? { length: ref.length } : {}),
      ...(ref.precision !== undefined ? { precision: ref.precision, scale: ref.scale } : {}),
      ...(ref.values ? { values: ref.values } : {}),
    };
    (table.columns as ColumnSnapshot[]).push(made);
    return made;
  });
  // SET NULL on a NOT NULL column can never work: MySQL refuses the constraint, SQLite and
  // PostgreSQL accept it and fail on the first delete. Say so where the model is written.
  const setNull = (['onDelete', 'onUpdate'] as const).find((k) => rel.options?.[k] === 'set null');
  const notNull = fkColumns.find((c) => !c.nullable);
  if (setNull && notNull) {
    throw modelInvalid(loc(m, p), `${setNull}: 'set null' on ${p.name}, whose column ${notNull.name} is NOT NULL`,
      `make the relation optional (${p.name}?: ${rel.target} | null), or choose 'cascade', 'restrict' or 'no action'`);
  }
  if (rel.options?.name !== undefined && rel.options.name.trim() === '') {
    throw modelInvalid(loc(m, p), 'the foreign key name is empty', `remove name, or give the constraint's name`);
  }
  // A partial or expression index does not serve every lookup by the columns; a method or an
  // operator class other than btree's may not either, so only a plain index covers them.
  const leads = (c: readonly string[]) => columns.every((col, i) => c[i] === col);
  if (rel.options?.index !== false && !leads(table.primaryKey) && !table.indexes.some((i) => leads(i.columns) && !hasIndexOptions(i))) {
    (table.indexes as IndexSnapshot[]).push(makeIndex(columns));
  }
  return {
    name: rel.options?.name ?? foreignKeyName(table.name, columns),
    columns: [...columns],
    referencedTable: target.name,
    referencedColumns: [...referencedColumns],
    onDelete: rel.options?.onDelete ?? 'no action',
    onUpdate: rel.options?.onUpdate ?? 'no action',
  };
}

/** Two indexes or foreign keys with one name (the same `@Index` twice, `@Unique()` and an equal `@Index`) cannot both exist. */
function refuseDuplicateNames(m: ModelDescription, t: TableSnapshot): void {
  for (const [what, names] of [['indexes', t.indexes.map((i) => i.name)], ['foreign keys', t.foreignKeys.map((f) => f.name)]] as const) {
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) {
      throw modelInvalid(loc(m), `two ${what} of ${m.className} are named ${twice}`,
        what === 'indexes' ? 'remove the duplicate @Index/@Unique, or name one: @Index([...], { name: "..." })' : 'give each @BelongsTo its own key property');
    }
  }
}
