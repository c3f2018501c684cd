import type { ColumnOptions, IndexMethod, ReferentialAction } from '@tidemark/core';

/** `ModelOptions` are the options of `@Model(...)`. */
export interface ModelOptions {
  /** Table name; defaults to the snake_case plural of the class name. */
  readonly table?: string;
  /** The table's previous name, so the next migration renames it instead of dropping it. */
  readonly renamedFrom?: string;
}

/**
 * `IndexBuildOptions` say how an index is built. `concurrently`: PostgreSQL builds it with
 * CREATE INDEX CONCURRENTLY (no write lock), so the generated migration runs outside a
 * transaction (`transaction: false`); other backends build it as usual.
 */
export interface IndexBuildOptions {
  readonly concurrently?: boolean;
}

/**
 * `UniqueOptions` are the options of `@Unique(...)`. `enforced: 'application'` declares a unique
 * index the database may not enforce (DynamoDB cannot): your code keeps the values unique.
 */
export interface UniqueOptions extends IndexBuildOptions {
  readonly enforced?: 'database' | 'application';
}

/**
 * `IndexOptions` are the options of a class-level `@Index(columns, options)` (README: Models,
 * "Index options"). `where` is a SQL predicate (a partial index) and `using` an index method;
 * `order`, `nulls` and `ops` (operator classes) are keyed by property name. Backends that cannot
 * build an option refuse it when the migration is generated for them.
 */
export interface IndexOptions extends UniqueOptions {
  readonly unique?: boolean;
  readonly name?: string;
  readonly using?: IndexMethod;
  readonly where?: string;
  readonly order?: Readonly<Record<string, 'asc' | 'desc'>>;
  readonly nulls?: Readonly<Record<string, 'first' | 'last'>>;
  readonly ops?: Readonly<Record<string, string>>;
}

/**
 * `ExpressionIndexOptions` declare an expression index on a class: `@Index({ expression:
 * 'lower(email)', unique: true })`. The expression is SQL over the table's column names.
 */
export interface ExpressionIndexOptions extends Omit<IndexOptions, 'order' | 'nulls' | 'ops'> {
  readonly expression: string;
}

/**
 * `ColumnDecoratorOptions` are the options of `@Column(...)`: core's `ColumnOptions` plus `enum`,
 * which gives the allowed values where the run-time reader cannot see a union type (as TypeORM's
 * `enum` option does): a list of strings or a TS string `enum` object.
 */
export interface ColumnDecoratorOptions extends ColumnOptions {
  readonly enum?: readonly string[] | Readonly<Record<string, string | number>>;
}

/**
 * `BelongsToOptions` are the options of `@BelongsTo(() => Target, options)`. `nullable` makes the
 * foreign key column nullable when no key property declares it; the static reader also takes it
 * from `author?: User`, which the run-time reader cannot see.
 */
export interface BelongsToOptions {
  /**
   * The property (a list for a composite foreign key) holding the foreign key value; defaults to
   * `<property>Id`, or `<property><Referenced>` per referenced property of a composite one.
   */
  readonly key?: string | readonly string[];
  /** The target properties referenced: its key (the default) or a unique index's properties, in order. */
  readonly references?: string | readonly string[];
  /** `false`: no index is generated for the foreign key (the default generates one). */
  readonly index?: boolean;
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  readonly nullable?: boolean;
  /** The foreign key constraint's name; defaults to `fk_<table>_<column>`. */
  readonly name?: string;
}
