import {
  elementOfTypeName, isDefaultNow, isPortableType, modelInvalid,
  type ColumnOptions, type PortableType, type PropertyDescription, type RelationDescription, type SourceLocation, type TypeRef,
} from '@tidemark/core';
import { designTypeRef } from './design-type.js';
import { reflectMetadata, type PropertyRecord } from './metadata-store.js';
import type { ColumnDecoratorOptions } from './options.js';

const ACTIONS: readonly string[] = ['cascade', 'restrict', 'set null', 'no action'];
const TYPE_HINT = "give it @Column({ type: '...' }) (and `enum: [...]` for a union or string enum)";

/**
 * `describeLoadedProperty` turns one property's decorator record into a description. Its type
 * comes from `@Column({ type, enum })`, else from `design:type`; when neither tells it, this is
 * TM_MODEL_INVALID, since TypeScript erased the type. `initial` is the property's value on a
 * freshly constructed instance: a primitive one is the literal initializer.
 * @internal
 */
export function describeLoadedProperty(cls: Function, p: PropertyRecord, initial: unknown, loc: SourceLocation): PropertyDescription {
  const { enum: enumOption, ...column } = p.column ?? {};
  if (column.type !== undefined && !isPortableType(column.type) && !elementOfTypeName(column.type)) {
    throw modelInvalid(loc, `@Column type ${JSON.stringify(column.type)} is not a portable type`, "use one of i32, i64, f64, decimal, string, text, boolean, uuid, date, timestamp, json, bytes, enum, or an array of one ('string[]', 'i32[]'…)");
  }
  const relation = p.relation && describeRelation(p.relation, loc);
  if (column.type === 'enum[]' && enumOption === undefined) throw modelInvalid(loc, "@Column({ type: 'enum[]' }) has no values at run time", "add `enum: ['a', 'b']` to @Column");
  const type: TypeRef = p.ignore
    ? { kind: 'unknown', text: 'ignored' }
    : relation
      ? { kind: 'model', name: relation.target, array: relation.kind === 'hasMany' }
      : columnTypeRef(cls, p.name, enumOption, column.type, loc);
  if (p.default !== undefined && !isDefaultNow(p.default) && !isScalar(p.default) && !(Array.isArray(p.default) && p.default.every(isScalar))) {
    throw modelInvalid(loc, `@Default(${String(p.default)}) is not a string, number or boolean, or a list of them`, 'pass a literal, a list of literals (array columns) or Default.now');
  }
  const initializer = literalOf(initial);
  return {
    name: p.name,
    type,
    // `?` and `| null` are erased; only explicit options tell.
    optional: p.relation?.options?.nullable ?? false,
    ...(initializer !== undefined ? { initializer } : {}),
    ...(p.key ? { key: true } : {}),
    ...(p.auto ? { auto: true } : {}),
    ...(p.unique ? { unique: true } : {}),
    ...(p.index ? { index: true } : {}),
    ...(p.applicationEnforced ? { applicationEnforced: true } : {}),
    ...(p.concurrently ? { concurrently: true } : {}),
    ...(p.ignore ? { ignore: true } : {}),
    ...(p.column ? { column: column as ColumnOptions } : {}),
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(relation ? { relation } : {}),
  };
}

function columnTypeRef(
  cls: Function, name: string, enumOption: ColumnDecoratorOptions['enum'], explicit: ColumnOptions['type'], loc: SourceLocation,
): TypeRef {
  if (enumOption !== undefined) return { kind: 'enum', values: enumValues(enumOption, loc) };
  if (explicit === 'enum') throw modelInvalid(loc, '@Column({ type: "enum" }) has no values at run time', "add `enum: ['a', 'b']` or `enum: MyStringEnum` to @Column");
  const reflect = reflectMetadata();
  const design = designTypeRef(reflect?.getMetadata('design:type', cls.prototype, name));
  if (design) return design;
  if (explicit) return { kind: 'unknown', text: explicit };
  const why = !reflect
    ? 'reflect-metadata is not loaded, so its TypeScript type cannot be seen at run time'
    : reflect.getMetadata('design:type', cls.prototype, name) === undefined
      ? 'has no design:type metadata (compiled without emitDecoratorMetadata?), so its type cannot be seen at run time'
      : 'has design:type Object: TypeScript erased its type (a union, brand, Json<T>, interface or imported type alias)';
  throw modelInvalid(loc, why, `${TYPE_HINT}; or import 'reflect-metadata' first and compile with emitDecoratorMetadata`);
}

function enumValues(option: NonNullable<ColumnDecoratorOptions['enum']>, loc: SourceLocation): string[] {
  const values = Array.isArray(option) ? option : Object.values(option);
  // A numeric TS enum object also holds its reverse mapping (number → name): both kinds are refused.
  if (values.some((v) => typeof v !== 'string')) {
    throw modelInvalid(loc, '@Column enum must list strings; a numeric enum cannot be stored by name', 'use a string enum (`Admin = "admin"`) or a list of strings');
  }
  if (values.length === 0) throw modelInvalid(loc, '@Column enum lists no values', 'list the allowed values');
  return [...new Set(values as string[])];
}

function describeRelation(r: NonNullable<PropertyRecord['relation']>, loc: SourceLocation): RelationDescription {
  const target = r.target();
  if (typeof target !== 'function' || !target.name) {
    throw modelInvalid(loc, `the @${r.kind === 'belongsTo' ? 'BelongsTo' : r.kind === 'hasMany' ? 'HasMany' : 'HasOne'} target returned no class`, 'check for a circular import that leaves the class undefined when the models are read');
  }
  const { key, references, index, onDelete, onUpdate, name } = r.options ?? {};
  for (const action of [onDelete, onUpdate]) {
    if (action !== undefined && !ACTIONS.includes(action)) throw modelInvalid(loc, `referential action ${JSON.stringify(action)} is not one of ${ACTIONS.join(', ')}`, 'pick one of them');
  }
  for (const [option, names] of [['key', key], ['references', references]] as const) {
    if (names !== undefined && typeof names !== 'string' && !(Array.isArray(names) && names.every((n) => typeof n === 'string'))) {
      throw modelInvalid(loc, `@BelongsTo option \`${option}\` must be a property name or a list of them`, `fix ${option}`);
    }
  }
  if (name !== undefined && typeof name !== 'string') throw modelInvalid(loc, '@BelongsTo option `name` must be a string', 'fix name');
  if (index !== undefined && typeof index !== 'boolean') throw modelInvalid(loc, '@BelongsTo option `index` must be true or false', 'fix index');
  const options = {
    ...(key !== undefined ? { key: typeof key === 'string' ? key : [...key] } : {}),
    ...(references !== undefined ? { references: typeof references === 'string' ? references : [...references] } : {}),
    ...(onDelete ? { onDelete } : {}), ...(onUpdate ? { onUpdate } : {}),
    ...(index !== undefined ? { index } : {}), ...(name !== undefined ? { name } : {}),
  };
  return { kind: r.kind, target: target.name, ...(Object.keys(options).length ? { options } : {}) };
}

const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The literal a fresh instance holds, as the static reader would read it from the source; a list
 * of literals is kept too (buildSnapshot makes it the default of an array column only).
 */
function literalOf(value: unknown): string | number | boolean | readonly (string | number | boolean)[] | undefined {
  if (Array.isArray(value)) return value.every(isScalar) ? [...value] : undefined;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : undefined;
  return undefined;
}
