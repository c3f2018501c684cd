import { quoteIdentifier } from '@tidemark/sql/postgres';
import type { PgExecutor } from './executor.js';

/**
 * `dropAllPostgres` drops every table of the managed schema, the history included, for
 * `migrate:fresh`, in one statement. CASCADE takes foreign keys from tables outside the list and
 * the views that read these tables with them; the schema itself stays.
 */
export async function dropAllPostgres(executor: PgExecutor, schema: string, keep: (table: string) => boolean = () => false): Promise<void> {
  const all = await executor.all<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)
     AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`, [schema]);
  // `keep` names tables other tools own (the config's `exclude`); Tidemark's own `_tidemark_*` tables always go.
  const tables = all.filter((t) => t.name.startsWith('_tidemark_') || !keep(t.name));
  if (tables.length === 0) return;
  const list = tables.map((t) => `${quoteIdentifier(schema)}.${quoteIdentifier(t.name)}`).join(', ');
  await executor.run(`DROP TABLE IF EXISTS ${list} CASCADE`, { op: 'dropAll' });
}
