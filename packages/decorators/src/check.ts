import { classDecorator, type TidemarkClassDecorator } from './decorator-kinds.js';

/**
 * `Check` declares a CHECK constraint on the model's table: `name` is the constraint's name,
 * `expression` SQL over the table's column names (README: Models). SQLite, PostgreSQL and
 * MySQL/MariaDB enforce it; MongoDB and DynamoDB have no CHECK constraints and refuse it.
 * @example
 * ```ts
 * @Model() @Check('price_positive', 'price > 0')
 * export class Product { @Key() id!: number; @Column({ type: 'decimal' }) price!: Decimal; }
 * ```
 */
export function Check(name: string, expression: string): TidemarkClassDecorator {
  const entry = { name, expression };
  // Class decorators run bottom-up; unshift keeps the checks in the order they are written.
  return classDecorator('Check', (record) => {
    record.checks.unshift(entry);
  });
}
