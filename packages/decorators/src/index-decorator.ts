import { classDecorator, propertyDecorator, type TidemarkClassDecorator, type TidemarkPropertyDecorator } from './decorator-kinds.js';
import type { ExpressionIndexOptions, IndexBuildOptions, IndexOptions } from './options.js';

/**
 * `Index` declares an index. On a property, `@Index()` indexes that property's column
 * (`idx_<table>_<column>`); on a class, `@Index(['authorId', 'publishedAt'], { unique?, name? })`
 * indexes several properties in the given order, with the index options (`where`, `using`,
 * `order`, `nulls`, `ops`); `@Index({ expression: 'lower(email)' })` indexes an expression.
 * @example
 * ```ts
 * @Model() @Index(['authorId', 'publishedAt'])
 * export class Post { @Index() slug!: string; }
 * ```
 */
export function Index(options: ExpressionIndexOptions): TidemarkClassDecorator;
export function Index(options?: IndexBuildOptions): TidemarkPropertyDecorator;
export function Index(properties: readonly string[], options?: IndexOptions): TidemarkClassDecorator;
export function Index(properties?: readonly string[] | IndexBuildOptions | ExpressionIndexOptions, options?: IndexOptions): TidemarkPropertyDecorator | TidemarkClassDecorator {
  if (properties !== undefined && !Array.isArray(properties) && 'expression' in properties) {
    const entry = { properties: [] as string[], options: { ...properties } };
    return classDecorator('Index', (record) => {
      record.indexes.unshift(entry);
    });
  }
  if (!Array.isArray(properties)) {
    const build = properties as IndexBuildOptions | undefined;
    return propertyDecorator('Index', (p) => {
      p.index = true;
      if (build?.concurrently) p.concurrently = true;
    });
  }
  const entry = { properties: [...properties], ...(options ? { options: { ...options } } : {}) };
  // Class decorators run bottom-up; unshift keeps the indexes in the order they are written.
  return classDecorator('Index', (record) => {
    record.indexes.unshift(entry);
  });
}
