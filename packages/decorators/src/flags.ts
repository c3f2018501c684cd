import { propertyDecorator, type TidemarkPropertyDecorator } from './decorator-kinds.js';
import type { UniqueOptions } from './options.js';

/** `Key` marks a primary key property; several `@Key()`s make a composite key in declaration order. */
export function Key(): TidemarkPropertyDecorator {
  return propertyDecorator('Key', (p) => {
    p.key = true;
  });
}

/** `Auto` makes an integer (`number` or `bigint`) key auto-increment. */
export function Auto(): TidemarkPropertyDecorator {
  return propertyDecorator('Auto', (p) => {
    p.auto = true;
  });
}

/**
 * `Unique` gives the property's column a unique index (`idx_<table>_<column>`);
 * `@Unique({ enforced: 'application' })` where the database cannot enforce it (DynamoDB).
 */
export function Unique(options: UniqueOptions = {}): TidemarkPropertyDecorator {
  return propertyDecorator('Unique', (p) => {
    p.unique = true;
    if (options.enforced === 'application') p.applicationEnforced = true;
    if (options.concurrently) p.concurrently = true;
  });
}

/** `Ignore` keeps a property out of the table. */
export function Ignore(): TidemarkPropertyDecorator {
  return propertyDecorator('Ignore', (p) => {
    p.ignore = true;
  });
}
