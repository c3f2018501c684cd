import type { PortableType } from '../snapshot/portable-type.js';
import type { ColumnDefault, ReferentialAction } from '../snapshot/schema-snapshot.js';

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
  readonly properties: readonly PropertyDescription[];
}

/** `ClassIndexDescription` is a class-level `@Index(columns, options)`. */
export interface ClassIndexDescription {
  readonly properties: readonly string[];
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

/** `TypeRef` is a property's TypeScript type as far as Tidemark understands it. */
export type TypeRef =
  | { readonly kind: 'scalar'; readonly type: Exclude<PortableType, 'enum' | 'date'> }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'model'; readonly name: string; readonly array: boolean }
  | { readonly kind: 'unknown'; readonly text: string };

/** `ColumnOptions` are the options of `@Column(...)`. */
export interface ColumnOptions {
  readonly name?: string;
  readonly type?: PortableType;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly nullable?: boolean;
  readonly renamedFrom?: string;
}

/** `RelationOptions` are the options of `@BelongsTo(() => Model, options)`. */
export interface RelationOptions {
  /** The property holding the foreign key value; defaults to `<property>Id`. */
  readonly key?: string;
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
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
  /** A literal initializer (`isActive = true`). */
  readonly initializer?: string | number | boolean;
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
