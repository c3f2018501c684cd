import { backendError } from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from './executor.js';

interface SchemaObject {
  readonly type: 'view' | 'trigger';
  readonly name: string;
  readonly sql: string;
}

/**
 * `withViewsAndTriggers` runs a table rebuild with the schema's views and triggers set aside, as
 * steps 3, 8 and 9 of https://www.sqlite.org/lang_altertable.html#otheralter ask: DROP TABLE
 * removes the rebuilt table's triggers, and the final ALTER TABLE RENAME refuses to run while any
 * view or trigger names the (momentarily missing) table. Tidemark's snapshot does not model them,
 * so they are read from `sqlite_master`, dropped, and recreated verbatim afterwards; a view the
 * change broke (it names a dropped column) fails the operation instead of failing a later one.
 */
export async function withViewsAndTriggers<T>(executor: SqliteExecutor, op: string, fn: () => Promise<T>): Promise<T> {
  const objects = executor.allSync<SchemaObject>(
    "SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') AND sql IS NOT NULL ORDER BY rowid");
  if (objects.length === 0) return fn();
  const q = sqlite.quoteIdentifier;
  for (const o of [...objects].reverse()) executor.runSync(`DROP ${o.type === 'view' ? 'VIEW' : 'TRIGGER'} IF EXISTS ${q(o.name)}`, { op });
  const result = await fn();
  for (const o of objects) executor.runSync(o.sql, { op });
  for (const o of objects.filter((x) => x.type === 'view')) {
    try {
      executor.allSync(`SELECT * FROM ${q(o.name)} LIMIT 0`);
    } catch (err) {
      throw backendError('sqlite', `view ${o.name} does not work after ${op} rebuilt a table it reads: ${(err as Error).message}`,
        { op, statement: o.sql, view: o.name }, err);
    }
  }
  return result;
}
