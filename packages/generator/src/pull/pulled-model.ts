/**
 * `PulledProperty` is one property of a pulled model class, ready to print: its decorators as
 * source text, its TypeScript type, and an initializer where the default is written as one.
 */
export interface PulledProperty {
  readonly name: string;
  readonly decorators: readonly string[];
  readonly type: string;
  readonly optional: boolean;
  readonly initializer?: string;
}

/** `PulledModel` is one class of `migrate:pull`: one table. */
export interface PulledModel {
  readonly className: string;
  readonly table: string;
  /** The file name in the output folder, e.g. `post-tag.ts`. */
  readonly fileName: string;
  readonly classDecorators: readonly string[];
  readonly properties: readonly PulledProperty[];
  /** Value imports from `@tidemark/decorators` (decorators). */
  readonly decoratorImports: ReadonlySet<string>;
  /** Type imports from `@tidemark/decorators` (brands, `Relation`). */
  readonly typeImports: ReadonlySet<string>;
  /** Other pulled classes this one names (relations). */
  readonly classImports: ReadonlySet<string>;
}
