import type { TableSnapshot } from '../snapshot/schema-snapshot.js';

/**
 * `PullNote` is one thing of a live database that `migrate:pull` cannot write as a model exactly:
 * `skipped` objects are left out of the models (a view, a trigger, a table without a key),
 * `approximated` ones are written as the nearest thing the models can say (a `serial` column as
 * `@Auto()`, a native type as the portable type introspection reads it as).
 */
export interface PullNote {
  readonly kind: 'skipped' | 'approximated';
  /** The table it belongs to, if any. */
  readonly table?: string;
  /** What it is, e.g. `view active_users`, `column users.age`, `trigger users_touch`. */
  readonly object: string;
  readonly problem: string;
}

/**
 * `PullInventory` is what a backend knows beyond `introspect` for `migrate:pull`: tables it can
 * model that introspection leaves out (a DynamoDB table Tidemark never managed, read from its
 * keys and indexes alone) and notes on what introspection reads only approximately or not at all.
 */
export interface PullInventory {
  readonly tables: readonly TableSnapshot[];
  readonly notes: readonly PullNote[];
}
