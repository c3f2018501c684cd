import type { ColumnDefault, DefaultNow } from '@tidemark/core';
import { propertyDecorator, type TidemarkPropertyDecorator } from './decorator-kinds.js';

const NOW: DefaultNow = Object.freeze({ fn: 'now' });

/**
 * `Default` sets the column default: a string, number or boolean literal, or `Default.now` for the
 * current timestamp. A literal initializer (`isActive = true`) does the same without a decorator.
 * @example `@Default(Default.now) createdAt!: Date;`
 */
export const Default: ((value: ColumnDefault) => TidemarkPropertyDecorator) & { readonly now: DefaultNow } = Object.assign(
  (value: ColumnDefault): TidemarkPropertyDecorator =>
    propertyDecorator('Default', (p) => {
      p.default = value;
    }),
  { now: NOW },
);
