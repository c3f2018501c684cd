import {
  columnName, foreignKeyName, indexName, isDefaultNow, pluralize, shortenFor, snakeCase,
  type ColumnSnapshot, type ComparableOptions, type ForeignKeySnapshot, type PullNote, type SchemaSnapshot, type TableSnapshot,
} from '@tidemark/core';
import { printLiteral } from '../codegen/print-literal.js';
import { camelCase, claim, classNameFor, kebabCase, pascalCase, propertyNameFor } from './pull-names.js';
import type { PulledModel, PulledProperty } from './pulled-model.js';
import { propertyType } from './property-type.js';

/** `PlannedModels` are the classes to write and what could not be said in them. */
export interface PlannedModels {
  readonly models: readonly PulledModel[];
  readonly notes: readonly PullNote[];
}

/** A class being assembled; `properties` keep the table's column order, relations beside their key. */
interface Draft {
  readonly table: TableSnapshot;
  readonly className: string;
  readonly classDecorators: string[];
  readonly properties: DraftProperty[];
  /** Column name → property name. */
  readonly propertyOf: Map<string, string>;
  readonly usedNames: Set<string>;
  readonly decoratorImports: Set<string>;
  readonly typeImports: Set<string>;
  readonly classImports: Set<string>;
}
interface DraftProperty extends PulledProperty { readonly decorators: string[] }

// The kind of literal a property's TypeScript type takes, so an initializer type-checks (else `@Default`).
const LITERAL_KIND: Partial<Record<ColumnSnapshot['type'], string>> = {
  i32: 'number', f64: 'number', decimal: 'number', string: 'string', text: 'string', uuid: 'string', enum: 'string', boolean: 'boolean',
};

const options = (o: Record<string, unknown>): string => (Object.keys(o).length === 0 ? '' : printLiteral(o));

/**
 * `planModels` turns a live schema into model classes (README: Models), one per table: keys and
 * `@Auto()`, types with their lengths, nullability, defaults, enums, unique and plain indexes,
 * `@BelongsTo` with its actions and the inverse `@HasMany`/`@HasOne` on the target. Names follow
 * core's naming rules, with `@Model({ table })`, `@Column({ name })`, an index's or a foreign
 * key's `name` only where the rule does not give the database's name back (as `names` shortens
 * it). What no model can say is left out and listed in `notes`.
 */
export function planModels(schema: SchemaSnapshot, names: ComparableOptions = {}): PlannedModels {
  const short = shortenFor(names);
  const notes: PullNote[] = [];
  const drafts = new Map<string, Draft>();
  const usedClasses = new Set<string>();
  for (const table of schema.tables) {
    if (table.primaryKey.length === 0) {
      notes.push({ kind: 'skipped', table: table.name, object: `table ${table.name}`, problem: 'it has no primary key, and every model needs @Key()' });
      continue;
    }
    const guess = classNameFor(table.name);
    const className = claim(guess.className, usedClasses);
    const draft: Draft = {
      table, className, classDecorators: [], properties: [], propertyOf: new Map(), usedNames: new Set(),
      decoratorImports: new Set(['Model']), typeImports: new Set(), classImports: new Set(),
    };
    draft.classDecorators.push(guess.derived && className === guess.className ? '@Model()' : `@Model(${printLiteral({ table: table.name })})`);
    for (const column of orderedColumns(table)) draft.properties.push(columnProperty(draft, column, notes));
    drafts.set(table.name, draft);
  }
  for (const draft of drafts.values()) addIndexes(draft, short, notes);
  for (const draft of drafts.values()) addChecks(draft);
  for (const draft of drafts.values()) addRelations(draft, drafts, short, notes);
  const models = [...drafts.values()].map((d): PulledModel => ({
    className: d.className, table: d.table.name, fileName: `${kebabCase(d.className)}.ts`,
    classDecorators: d.classDecorators, properties: d.properties,
    decoratorImports: d.decoratorImports, typeImports: d.typeImports, classImports: d.classImports,
  }));
  return { models: models.sort((a, b) => (a.fileName < b.fileName ? -1 : 1)), notes };
}

/** The table's columns in its order, except that key columns come first when the key lists them in another order (declaration order is key order). */
function orderedColumns(table: TableSnapshot): readonly ColumnSnapshot[] {
  const keyPositions = table.primaryKey.map((k) => table.columns.findIndex((c) => c.name === k));
  if (keyPositions.every((p, i) => i === 0 || p > keyPositions[i - 1]!)) return table.columns;
  const keys = table.primaryKey.map((k) => table.columns.find((c) => c.name === k)!);
  return [...keys, ...table.columns.filter((c) => !table.primaryKey.includes(c.name))];
}

function columnProperty(d: Draft, c: ColumnSnapshot, notes: PullNote[]): DraftProperty {
  const guess = propertyNameFor(c.name);
  const name = claim(guess.property, d.usedNames);
  d.propertyOf.set(c.name, name);
  const decorators: string[] = [];
  const isKey = d.table.primaryKey.includes(c.name);
  if (isKey) { decorators.push('@Key()'); d.decoratorImports.add('Key'); }
  if (c.autoIncrement) {
    if (isKey && d.table.primaryKey.length === 1) { decorators.push('@Auto()'); d.decoratorImports.add('Auto'); }
    else notes.push({ kind: 'approximated', table: d.table.name, object: `column ${d.table.name}.${c.name}`, problem: 'it is auto-increment but not the whole key; models number only a single-column key, so it is pulled as a plain column' });
  }
  let type = propertyType(c);
  if (c.type === 'enum' && (c.values ?? []).length === 0) {
    notes.push({ kind: 'approximated', table: d.table.name, object: `column ${d.table.name}.${c.name}`, problem: 'it is an enum without values; it is pulled as Text' });
    type = propertyType({ ...c, type: 'text' });
  }
  if (type.brand) d.typeImports.add(type.brand);
  const column: Record<string, string | number> = {};
  if (!(columnName(name) === c.name)) column.name = c.name;
  Object.assign(column, type.columnOptions);
  if (Object.keys(column).length > 0) { decorators.push(`@Column(${options(column)})`); d.decoratorImports.add('Column'); }
  let initializer: string | undefined;
  if (c.default !== undefined) {
    if (isDefaultNow(c.default)) { decorators.push('@Default(Default.now)'); d.decoratorImports.add('Default'); }
    else if (type.initializable && !c.nullable && !isKey && typeof c.default === LITERAL_KIND[c.type]) initializer = printLiteral(c.default);
    else { decorators.push(`@Default(${printLiteral(c.default)})`); d.decoratorImports.add('Default'); }
  }
  return { name, decorators, type: c.nullable ? `${type.text} | null` : type.text, optional: c.nullable, ...(initializer !== undefined ? { initializer } : {}) };
}

/** Each CHECK the database has becomes `@Check(name, expression)` on the class, in name order. */
function addChecks(d: Draft): void {
  for (const check of d.table.checks ?? []) {
    d.classDecorators.push(`@Check(${printLiteral(check.name)}, ${printLiteral(check.expression)})`);
    d.decoratorImports.add('Check');
  }
}

/** Single-column indexes with the rule's name go on their property; the others on the class. */
function addIndexes(d: Draft, short: (name: string) => string, notes: PullNote[]): void {
  for (const index of d.table.indexes) {
    if (index.columns.some((c) => !d.propertyOf.has(c))) {
      notes.push({ kind: 'skipped', table: d.table.name, object: `index ${index.name}`, problem: `it is on an expression or a column Tidemark does not read (${index.columns.join(', ')})` });
      continue;
    }
    const props = index.columns.map((c) => d.propertyOf.get(c)!);
    const ruleName = short(indexName(d.table.name, [...index.columns])) === index.name;
    const enforced = index.unique && index.applicationEnforced ? { enforced: 'application' } : {};
    if (ruleName && props.length === 1) {
      const p = d.properties.find((x) => x.name === props[0])!;
      const decorator = index.unique ? 'Unique' : 'Index';
      p.decorators.push(`@${decorator}(${options(enforced)})`);
      d.decoratorImports.add(decorator);
      continue;
    }
    const o = { ...(index.unique ? { unique: true } : {}), ...(ruleName ? {} : { name: index.name }), ...enforced };
    d.classDecorators.push(`@Index(${printLiteral(props)}${Object.keys(o).length ? `, ${options(o)}` : ''})`);
    d.decoratorImports.add('Index');
  }
}

function skipForeignKey(d: Draft, fk: ForeignKeySnapshot, problem: string, notes: PullNote[]): void {
  notes.push({ kind: 'skipped', table: d.table.name, object: `foreign key ${fk.name}`, problem: `${problem}; its columns are pulled as plain columns` });
}

/** `@BelongsTo` beside each foreign key's column, and the inverse relation on the target. */
function addRelations(d: Draft, drafts: ReadonlyMap<string, Draft>, short: (name: string) => string, notes: PullNote[]): void {
  const related = new Set<string>();
  for (const fk of d.table.foreignKeys) {
    const target = drafts.get(fk.referencedTable);
    if (fk.columns.length !== 1) { skipForeignKey(d, fk, 'it has several columns, and @BelongsTo takes one', notes); continue; }
    const column = fk.columns[0]!;
    if (!target) { skipForeignKey(d, fk, `its table ${fk.referencedTable} is not pulled`, notes); continue; }
    if (target.table.primaryKey.length !== 1 || target.table.primaryKey[0] !== fk.referencedColumns[0]) {
      skipForeignKey(d, fk, `it references ${fk.referencedTable}(${fk.referencedColumns.join(', ')}), not that table's single-column key`, notes);
      continue;
    }
    if (related.has(column)) { skipForeignKey(d, fk, `column ${column} already has a foreign key, and a property takes one @BelongsTo`, notes); continue; }
    const keyColumn = d.table.columns.find((c) => c.name === column)!;
    if (!keyColumn.nullable && (fk.onDelete === 'set null' || fk.onUpdate === 'set null')) {
      skipForeignKey(d, fk, `it says SET NULL on the NOT NULL column ${column}, which models refuse (the first such delete would fail)`, notes);
      continue;
    }
    related.add(column);
    const keyProp = d.propertyOf.get(column)!;
    // `author_id` → `author`; `parent_isbn` referencing a key `isbn` → `parent`
    const suffix = [`_${fk.referencedColumns[0]}`, '_id'].find((s) => column.endsWith(s) && column.length > s.length);
    const base = suffix ? camelCase(column.slice(0, -suffix.length)) : '';
    const name = claim(base && !d.usedNames.has(base) ? base : `${keyProp}Ref`, d.usedNames);
    const o: Record<string, string> = {};
    if (keyProp !== `${name}Id`) o.key = keyProp;
    if (fk.onDelete !== 'no action') o.onDelete = fk.onDelete;
    if (fk.onUpdate !== 'no action') o.onUpdate = fk.onUpdate;
    if (short(foreignKeyName(d.table.name, [column])) !== fk.name) o.name = fk.name;
    const relation: DraftProperty = {
      name, decorators: [`@BelongsTo(() => ${target.className}${Object.keys(o).length ? `, ${options(o)}` : ''})`],
      type: `Relation<${target.className}>${keyColumn.nullable ? ' | null' : ''}`, optional: keyColumn.nullable,
    };
    d.properties.splice(d.properties.findIndex((p) => p.name === keyProp), 0, relation);
    d.decoratorImports.add('BelongsTo');
    d.typeImports.add('Relation');
    if (target !== d) d.classImports.add(target.className);
    addInverse(d, target, name, column);
  }
}

/** The inverse side on the target: `@HasOne` where the key column is unique, `@HasMany` otherwise. */
function addInverse(source: Draft, target: Draft, relationName: string, column: string): void {
  const unique = source.table.indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === column)
    || (source.table.primaryKey.length === 1 && source.table.primaryKey[0] === column);
  const singular = camelCase(snakeCase(source.className));
  const base = unique ? singular : camelCase(pluralize(snakeCase(source.className)));
  const several = source.table.foreignKeys.filter((f) => f.referencedTable === target.table.name).length > 1 || source === target;
  const name = claim(several || target.usedNames.has(base) ? `${base}As${pascalCase(relationName)}` : base, target.usedNames);
  const kind = unique ? 'HasOne' : 'HasMany';
  target.properties.push(unique
    ? { name, decorators: [`@HasOne(() => ${source.className})`], type: `Relation<${source.className}> | null`, optional: true }
    : { name, decorators: [`@HasMany(() => ${source.className})`], type: `${source.className}[]`, optional: false });
  target.decoratorImports.add(kind);
  if (unique) target.typeImports.add('Relation');
  if (source !== target) target.classImports.add(source.className);
}
