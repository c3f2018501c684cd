import { propertyDecorator, type TidemarkPropertyDecorator } from './decorator-kinds.js';
import type { ColumnDecoratorOptions } from './options.js';

/**
 * `Column` refines a property's column: its name, type, length, precision and scale, nullability,
 * previous name, and (for the run-time reader) enum values. `@Column()` with no options only marks
 * the property, which the run-time reader needs to see it at all.
 * @example
 * ```ts
 * @Column({ name: 'published_on', renamedFrom: 'published_at' }) publishedAt?: Date;
 * @Column({ precision: 12, scale: 2 }) price!: Decimal;
 * ```
 */
export function Column(options: ColumnDecoratorOptions = {}): TidemarkPropertyDecorator {
  return propertyDecorator('Column', (p) => {
    p.column = { ...p.column, ...options };
  });
}
