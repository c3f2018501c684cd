import type { ColumnOptions, ReferentialAction } from '@tidemark/core';

/** `ModelOptions` are the options of `@Model(...)`. */
export interface ModelOptions {
  /** Table name; defaults to the snake_case plural of the class name. */
  readonly table?: string;
  /** The table's previous name, so the next migration renames it instead of dropping it. */
  readonly renamedFrom?: string;
}

/** `IndexOptions` are the options of a class-level `@Index(columns, options)`. */
export interface IndexOptions {
  readonly unique?: boolean;
  readonly name?: string;
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
  /** The property holding the foreign key value; defaults to `<property>Id`. */
  readonly key?: string;
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  readonly nullable?: boolean;
}
