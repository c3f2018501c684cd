import type { CheckSnapshot } from '@tidemark/core';

/**
 * `renderCheck` renders a named CHECK table constraint, the same in the three dialects:
 * `CONSTRAINT "price_positive" CHECK (price > 0)`. The expression is the model's SQL as written.
 */
export function renderCheck(check: CheckSnapshot, quote: (name: string) => string): string {
  return `CONSTRAINT ${quote(check.name)} CHECK (${check.expression})`;
}
