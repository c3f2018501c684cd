import { callSite } from './call-site.js';
import { classDecorator, type TidemarkClassDecorator } from './decorator-kinds.js';
import type { ModelOptions } from './options.js';

/**
 * `Model` marks a class as a model: one table, named the snake_case plural of the class name
 * unless `table` says otherwise. `renamedFrom` names the previous table.
 * @example
 * ```ts
 * @Model({ table: 'blog_posts' })
 * export class Post { @Key() @Auto() id!: number; }
 * ```
 */
export function Model(options: ModelOptions = {}): TidemarkClassDecorator {
  // Captured here, where the stack still holds the user's file, for error messages.
  const site = callSite();
  return classDecorator('Model', (record) => {
    record.model = { ...options };
    if (site) record.site = site;
  });
}
