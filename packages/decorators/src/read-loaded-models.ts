import { modelInvalid, type ModelDescription, type SourceLocation } from '@tidemark/core';
import { describeLoadedProperty } from './describe-loaded-property.js';
import { readRecord, type PropertyRecord } from './metadata-store.js';
import { recordsAlongChain } from './class-chain.js';

/** `ReadLoadedModelsOptions` tune `readLoadedModels`. */
export interface ReadLoadedModelsOptions {
  /**
   * Construct each model once, without arguments, to read literal initializers (`isActive = true`
   * is a column default, as for the static reader) and to find undecorated fields. Default `true`;
   * turn it off for constructors with side effects, and use `@Default(value)` instead.
   */
  readonly construct?: boolean;
}

/**
 * `readLoadedModels` describes loaded model classes from what their decorators recorded, for
 * `buildSnapshot`. Run time sees less than the static reader: TypeScript types are erased, so a
 * property's type comes from `design:type` (only with `emitDecoratorMetadata` and reflect-metadata),
 * which cannot tell `Float`, `Decimal`, `Uuid`, `Text`, unions or `?` apart from their base types;
 * say those with `@Column({ type, enum, nullable })`. Undecorated properties are invisible unless
 * the class is constructed (see `construct`), and even then their type is unknown: decorate every
 * column, `@Column()` is enough. A property whose type no source tells is TM_MODEL_INVALID.
 * @example
 * ```ts
 * import 'reflect-metadata';
 * const { snapshot } = buildSnapshot(readLoadedModels([User, Post]));
 * ```
 */
export function readLoadedModels(classes: readonly Function[], options: ReadLoadedModelsOptions = {}): ModelDescription[] {
  return classes.map((cls) => describeLoadedModel(cls, options.construct ?? true));
}

function describeLoadedModel(cls: Function, construct: boolean): ModelDescription {
  const record = readRecord(cls);
  const file = record?.site?.file ?? `(run time: class ${cls.name})`;
  const line = record?.site?.line;
  const at = (property?: string): SourceLocation => ({
    file, ...(line !== undefined ? { line } : {}), model: cls.name, ...(property !== undefined ? { property } : {}),
  });
  if (!record?.model) throw modelInvalid(at(), `class ${cls.name} has no @Model()`, 'add @Model() to the class, or leave it out of the list');
  // Base classes' properties and class-level indexes first; a property redeclared with decorators
  // on a subclass replaces the base's record where the base put it, as the static reader does.
  const chain = recordsAlongChain(cls);
  const records = new Map<string, PropertyRecord>();
  for (const { record: r } of chain) for (const [name, p] of r?.properties ?? []) records.set(name, p);
  const instance = construct ? constructModel(cls, at()) : undefined;
  const properties = [...records.values()].map((p) => describeLoadedProperty(cls, p, instance?.[p.name], at(p.name)));
  for (const key of Object.keys(instance ?? {})) {
    if (!records.has(key)) {
      throw modelInvalid(at(key), `property ${key} has no decorator, so its column cannot be read at run time`, "add @Column() (or @Column({ type: '...' })), or @Ignore() if it is not a column");
    }
  }
  const { table, renamedFrom } = record.model;
  return {
    className: cls.name,
    file,
    ...(line !== undefined ? { line } : {}),
    ...(table !== undefined ? { table } : {}),
    ...(renamedFrom !== undefined ? { renamedFrom } : {}),
    indexes: chain.flatMap(({ record: r }) => r?.indexes ?? []).map((i) => ({
      properties: [...i.properties],
      ...(i.options?.unique !== undefined ? { unique: i.options.unique } : {}),
      ...(i.options?.name !== undefined ? { name: i.options.name } : {}),
      ...(i.options?.enforced === 'application' ? { applicationEnforced: true } : {}),
      ...(i.options?.concurrently ? { concurrently: true } : {}),
      ...(i.options?.expression !== undefined ? { expression: i.options.expression } : {}),
      ...(i.options?.using !== undefined ? { using: i.options.using } : {}),
      ...(i.options?.where !== undefined ? { where: i.options.where } : {}),
      ...(i.options?.order !== undefined ? { order: { ...i.options.order } } : {}),
      ...(i.options?.nulls !== undefined ? { nulls: { ...i.options.nulls } } : {}),
      ...(i.options?.ops !== undefined ? { ops: { ...i.options.ops } } : {}),
    })),
    ...(record.checks.length > 0 ? { checks: record.checks.map((c) => ({ name: c.name, expression: c.expression })) } : {}),
    properties,
  };
}

function constructModel(cls: Function, loc: SourceLocation): Record<string, unknown> {
  try {
    return Reflect.construct(cls, []) as Record<string, unknown>;
  } catch (cause) {
    const err = modelInvalid(loc, `constructing ${cls.name} without arguments failed (${String(cause)})`, 'give the constructor no required arguments, or pass { construct: false } and declare defaults with @Default(value)');
    throw Object.assign(err, { cause });
  }
}
