import type { IndexMethod } from '../snapshot/index-options.js';
import type { ArrayTypeName, PortableType } from '../snapshot/portable-type.js';
import type { ColumnDefault, ReferentialAction, ScalarDefault } from '../snapshot/schema-snapshot.js';

/**
 * `ModelDescription` is where both model readers stop: the static reader (ts-morph, nothing
 * executed) and the run-time reader (decorator metadata) each produce it, and `buildSnapshot`
 * turns it into a snapshot, so the two cannot drift apart.
 */
export interface ModelDescription {
  readonly className: string;
  /** Source file, for error messages. */
  readonly file: string;
  readonly line?: number;
  readonly table?: string;
  readonly renamedFrom?: string;
  /** Class-level `@Index([...])`; columns are property names. */
  readonly indexes: readonly ClassIndexDescription[];
  /** `@Check(name, expression)`s, in source order; absent when there are none. */
  readonly checks?: readonly CheckDescription[];
  readonly properties: readonly PropertyDescription[];
}

/**
 * `ClassIndexDescription` is a class-level `@Index(columns, options)`, or `@Index({ expression })`
 * (then `properties` is empty). `where` and `expression` are SQL; `order`, `nulls` and `ops` are
 * keyed by property name (README: Models, "Index options").
 */
export interface ClassIndexDescription {
  readonly properties: readonly string[];
  readonly expression?: string;
  readonly using?: IndexMethod;
  readonly where?: string;
  readonly order?: Readonly<Record<string, 'asc' | 'desc'>>;
  readonly nulls?: Readonly<Record<string, 'first' | 'last'>>;
  readonly ops?: Readonly<Record<string, string>>;
  readonly unique?: boolean;
  readonly name?: string;
  /** `enforced: 'application'`: a unique index the application keeps unique (see `IndexSnapshot`). */
  readonly applicationEnforced?: boolean;
  /** `concurrently: true`: build it with CREATE INDEX CONCURRENTLY on PostgreSQL, outside a transaction. */
  readonly concurrently?: boolean;
  /** The file of an index inherited from a base class declared in another file than the model. */
  readonly file?: string;
  readonly line?: number;
}

/** `CheckDescription` is a class-level `@Check(name, expression)`: SQL over the table's column names. */
export interface CheckDescription {
  readonly name: string;
  readonly expression: string;
  readonly line?: number;
}

/** `TypeRef` is a property's TypeScript type as far as Tidemark understands it. */
export type TypeRef =
  | { readonly kind: 'scalar'; readonly type: Exclude<PortableType, 'enum' | 'date'> }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'model'; readonly name: string; readonly array: boolean }
  | { readonly kind: 'unknown'; readonly text: string };

/** `ColumnOptions` are the options of `@Column(...)`. */
export interface ColumnOptions {
  readonly name?: string;
  /** A portable type, or an array of one: `'string[]'`, `'i32[]'`… (`length`, `precision`, `scale` then describe each element). */
  readonly type?: PortableType | ArrayTypeName;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly nullable?: boolean;
  readonly renamedFrom?: string;
}

/** `RelationOptions` are the options of `@BelongsTo(() => Model, options)`. */
export interface RelationOptions {
  /**
   * The local property (or properties, in the order of `references`) holding the foreign key
   * value. Defaults to `<property>Id` for a single-column target key, else `<property><Column>`
   * per referenced property (`order` → `orderTenantId`, `orderId`).
   */
  readonly key?: string | readonly string[];
  /**
   * The target's properties the foreign key points at: its key (the default) or the properties of
   * one of its unique indexes, in that index's order.
   */
  readonly references?: string | readonly string[];
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  /** The foreign key constraint's name; defaults to `fk_<table>_<column>` (a pulled database keeps its own). */
  readonly name?: string;
  /** `false`: no index is generated for the foreign key columns (the default generates one). */
  readonly index?: boolean;
}

/** `RelationDescription` is a `@BelongsTo`, `@HasMany` or `@HasOne`. */
export interface RelationDescription {
  readonly kind: 'belongsTo' | 'hasMany' | 'hasOne';
  /** The target class name (from `() => Target`). */
  readonly target: string;
  readonly options?: RelationOptions;
}

/** `PropertyDescription` is one property of a model class and its decorators. */
export interface PropertyDescription {
  readonly name: string;
  /** The file of a property inherited from a base class declared in another file than the model. */
  readonly file?: string;
  readonly line?: number;
  readonly type: TypeRef;
  /** `?`, `| null` or `| undefined`. */
  readonly optional: boolean;
  /** A literal initializer (`isActive = true`; `tags = ['a']` for an array column). */
  readonly initializer?: ScalarDefault | readonly ScalarDefault[];
  readonly key?: boolean;
  readonly auto?: boolean;
  readonly unique?: boolean;
  readonly index?: boolean;
  /** `@Unique({ enforced: 'application' })`. */
  readonly applicationEnforced?: boolean;
  /** `@Index({ concurrently: true })` or `@Unique({ concurrently: true })`. */
  readonly concurrently?: boolean;
  readonly ignore?: boolean;
  readonly column?: ColumnOptions;
  /** `@Default(value)`; `Default.now` is `{ fn: 'now' }`. */
  readonly default?: ColumnDefault;
  readonly relation?: RelationDescription;
}

/** `RenameHints` are the renames the models declare with `renamedFrom`. */
export interface RenameHints {
  readonly tables: readonly { readonly from: string; readonly to: string }[];
  readonly columns: readonly { readonly table: string; readonly from: string; readonly to: string }[];
}
