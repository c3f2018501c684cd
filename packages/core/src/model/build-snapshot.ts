import { modelInvalid } from '../errors/factories.js';
import { columnName, foreignKeyName, indexName, tableName } from '../naming.js';
import { DEFAULT_DECIMAL, DEFAULT_STRING_LENGTH, type PortableType } from '../snapshot/portable-type.js';
import { normalizeSnapshot } from '../snapshot/normalize-snapshot.js';
import {
  emptySnapshot, isDefaultNow,
  type ColumnSnapshot, type ForeignKeySnapshot, type IndexSnapshot, type SchemaSnapshot, type TableSnapshot,
} from '../snapshot/schema-snapshot.js';
import { checkColumn } from './check-column.js';
import type { ModelDescription, PropertyDescription, RenameHints } from './model-description.js';

/**
 * `BuiltSchema` is a snapshot plus what the models say about how to get there: the renames they
 * declare, and the indexes to build CONCURRENTLY (an operation option, not part of the schema).
 */
export interface BuiltSchema {
  readonly snapshot: SchemaSnapshot;
  readonly hints: RenameHints;
  readonly concurrentIndexes: readonly { readonly table: string; readonly index: string }[];
}

const loc = (m: ModelDescription, p?: PropertyDescription) => ({
  file: p?.file ?? m.file, line: p?.line ?? m.line, model: m.className, ...(p ? { property: p.name } : {}),
});

/** The column a property maps to: its type, or why it has none. */
function columnType(m: ModelDescription, p: PropertyDescription): { type: PortableType; values?: readonly string[] } {
  if (p.column?.type) {
    if (p.column.type === 'enum' && p.type.kind !== 'enum') {
      throw modelInvalid(loc(m, p), '@Column({ type: "enum" }) needs a string-literal union or a string enum type', 'declare the values as a union type');
    }
    // values belong to enum columns only; a union stored as string or text keeps none
    return p.type.kind === 'enum' && p.column.type === 'enum' ? { type: 'enum', values: p.type.values } : { type: p.column.type };
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
  const { type, values } = columnType(m, p);
  const def = p.default ?? p.initializer;
  if (isDefaultNow(def) && type !== 'timestamp' && type !== 'date') {
    throw modelInvalid(loc(m, p), 'Default.now only fits a Date column', 'remove @Default(Default.now) or make the property a Date');
  }
  if (typeof def === 'string' && values && !values.includes(def)) {
    throw modelInvalid(loc(m, p), `default ${JSON.stringify(def)} is not one of ${values.join(', ')}`, 'pick one of the enum values');
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
    name, type, ...(def !== undefined ? { default: def } : {}),
    ...(p.column?.length !== undefined ? { length: p.column.length } : {}),
    ...(p.column?.precision !== undefined ? { precision: p.column.precision } : {}),
    ...(p.column?.scale !== undefined ? { scale: p.column.scale } : {}),
  });
  if (type === 'decimal' && p.column?.precision === undefined && (p.column?.scale ?? 0) > DEFAULT_DECIMAL.precision) {
    throw modelInvalid(loc(m, p), `scale ${p.column!.scale} is larger than the default precision ${DEFAULT_DECIMAL.precision}`, 'give @Column({ precision }) too');
  }
  if (p.column?.renamedFrom !== undefined && p.column.renamedFrom.trim() === '') {
    throw modelInvalid(loc(m, p), 'renamedFrom is empty', 'name the column it was renamed from, or remove renamedFrom');
  }
  const col: ColumnSnapshot = {
    name,
    type,
    nullable: p.column?.nullable ?? p.optional,
    ...(def !== undefined ? { default: def } : {}),
    ...(p.auto ? { autoIncrement: true } : {}),
    ...(type === 'string' ? { length: p.column?.length ?? DEFAULT_STRING_LENGTH } : {}),
    ...(type === 'decimal' ? { precision: p.column?.precision ?? DEFAULT_DECIMAL.precision, scale: p.column?.scale ?? DEFAULT_DECIMAL.scale } : {}),
    ...(values ? { values: [...values] } : {}),
  };
  return col;
}

interface PendingForeignKey { readonly model: ModelDescription; readonly property: PropertyDescription; readonly column: string }

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
  const concurrentIndexes: { table: string; index: string }[] = [];
  /** An index as the decorators describe it: unique ones may be application-enforced. */
  const indexOf = (table: string, name: string, columns: string[], unique: boolean, o: { applicationEnforced?: boolean; concurrently?: boolean }): IndexSnapshot => {
    if (o.concurrently) concurrentIndexes.push({ table, index: name });
    return { name, columns, unique, ...(unique && o.applicationEnforced ? { applicationEnforced: true as const } : {}) };
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
        if (p.key) throw modelInvalid(loc(m, p), '@Key() cannot be put on a relation', `put @Key() on the foreign key property (${p.relation.options?.key ?? `${p.name}Id`})`);
        if (p.relation.kind !== 'belongsTo') continue;
        pending.push({ model: m, property: p, column: foreignKeyColumn(m, p) });
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
      if (p.unique || p.index) indexes.push(indexOf(table, indexName(table, [name]), [name], !!p.unique, p));
    }
    if (primaryKey.length === 0) {
      throw modelInvalid(loc(m), `model ${m.className} has no @Key()`, 'mark its key property with @Key() (and @Auto() for an auto-increment id)');
    }
    for (const idx of m.indexes) {
      const cols = idx.properties.map((prop) => {
        const c = columnOf.get(prop) ?? relationColumn(m, prop);
        if (!c) throw modelInvalid({ ...loc(m), file: idx.file ?? m.file, line: idx.line ?? m.line }, `@Index names unknown property ${prop}`, 'use property names of this class');
        return c;
      });
      indexes.push(indexOf(table, idx.name ?? indexName(table, cols), cols, idx.unique ?? false, idx));
    }
    tables.push({ name: table, model: m.className, columns, primaryKey, indexes, foreignKeys: [] });
  }

  // Foreign keys go last: they need every table's key columns.
  const tableByName = new Map(tables.map((t) => [t.name, t]));
  for (const { model: m, property: p, column } of pending) {
    const rel = p.relation!;
    const target = byClass.get(rel.target)!;
    const targetTable = tableByName.get(tableOf(target))!;
    const table = tableByName.get(tableOf(m))!;
    if (targetTable.primaryKey.length !== 1) {
      throw modelInvalid(loc(m, p), `${rel.target} has a composite key; @BelongsTo needs a single-column key`, 'declare the foreign key columns and an @Index by hand');
    }
    const refColumn = targetTable.columns.find((c) => c.name === targetTable.primaryKey[0])!;
    let fkCol = table.columns.find((c) => c.name === column);
    if (!fkCol) {
      fkCol = {
        name: column, type: refColumn.type, nullable: p.optional,
        ...(refColumn.length !== undefined ? { length: refColumn.length } : {}),
        ...(refColumn.precision !== undefined ? { precision: refColumn.precision, scale: refColumn.scale } : {}),
        ...(refColumn.values ? { values: refColumn.values } : {}),
      };
      (table.columns as ColumnSnapshot[]).push(fkCol);
    }
    // SET NULL on a NOT NULL column can never work: MySQL refuses the constraint, SQLite and
    // PostgreSQL accept it and fail on the first delete. Say so where the model is written.
    const setNull = (['onDelete', 'onUpdate'] as const).find((k) => rel.options?.[k] === 'set null');
    if (setNull && !fkCol.nullable) {
      throw modelInvalid(loc(m, p), `${setNull}: 'set null' on ${p.name}, whose column ${column} is NOT NULL`,
        `make the relation optional (${p.name}?: ${rel.target} | null), or choose 'cascade', 'restrict' or 'no action'`);
    }
    const fk: ForeignKeySnapshot = {
      name: foreignKeyName(table.name, [column]),
      columns: [column],
      referencedTable: targetTable.name,
      referencedColumns: [refColumn.name],
      onDelete: rel.options?.onDelete ?? 'no action',
      onUpdate: rel.options?.onUpdate ?? 'no action',
    };
    (table.foreignKeys as ForeignKeySnapshot[]).push(fk);
    const covered = table.primaryKey[0] === column || table.indexes.some((i) => i.columns[0] === column);
    if (!covered) (table.indexes as IndexSnapshot[]).push({ name: indexName(table.name, [column]), columns: [column], unique: false });
  }
  for (const t of tables) refuseDuplicateNames(byTable.get(t.name)!, t);
  return { snapshot: normalizeSnapshot({ ...emptySnapshot(), tables }), hints, concurrentIndexes };
}

/** The foreign key column of a `@BelongsTo`: its key property's column (declared or not). */
function foreignKeyColumn(m: ModelDescription, p: PropertyDescription): string {
  const keyProp = p.relation?.options?.key ?? `${p.name}Id`;
  const declared = m.properties.find((x) => x.name === keyProp);
  return declared?.column?.name ?? columnName(keyProp);
}

function relationColumn(m: ModelDescription, prop: string): string | undefined {
  const rel = m.properties.find((p) => p.name === prop && p.relation?.kind === 'belongsTo');
  return rel ? foreignKeyColumn(m, rel) : undefined;
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
