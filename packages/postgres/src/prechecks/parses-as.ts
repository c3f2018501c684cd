import type { PortableType, SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import type { SqlExecutor } from '@tidemark/sql';
import { quoteIdentifier as q, TEXT_TYPES, textForm } from '@tidemark/sql/postgres';
import { alteredColumn } from './altered-column.js';
import { failIfAny } from './sample.js';

/**
 * `PARSES_FUNCTION` creates `pg_temp.tidemark_parses(value, type)`: whether PostgreSQL's own input
 * function for `type` accepts `value`. Only the server knows exactly which dates, timestamps,
 * uuids and JSON documents it reads, and PostgreSQL 15 has no pg_input_is_valid (16+), so the
 * check tries the cast in a sub-transaction. The function lives in the session's temporary
 * schema: it touches nothing of the user's, and goes with the session (or the rolled-back
 * transaction that created it, so it is created again whenever a check needs it).
 */
export const PARSES_FUNCTION = `CREATE OR REPLACE FUNCTION pg_temp.tidemark_parses(value text, type_name text) RETURNS boolean
LANGUAGE plpgsql AS $tidemark$
BEGIN
  EXECUTE 'SELECT $1::' || type_name USING value;
  RETURN true;
EXCEPTION WHEN others THEN
  RETURN false;
END
$tidemark$`;

/** The PostgreSQL type a target is parsed as, when the conversion goes through text. */
function parsedAs(from: PortableType, to: PortableType): string | undefined {
  if (from === to) return undefined;
  switch (to) {
    case 'uuid': return 'uuid';
    case 'date': return from === 'timestamp' ? undefined : 'date';
    case 'timestamp': return from === 'date' ? undefined : 'timestamptz';
    // other types become the JSON scalar for their value (to_jsonb), which always works
    case 'json': return TEXT_TYPES.has(from) ? 'jsonb' : undefined;
    default: return undefined;
  }
}

/**
 * `checkParsesAs` refuses a change to uuid, date, timestamp (from other types) or json (from
 * text) while values are not ones PostgreSQL reads as such: 'soon' as a date, 'abc' as a uuid,
 * '{"a"' as JSON.
 */
export async function checkParsesAs(executor: SqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  const type = a && parsedAs(a.from.type, a.to.type);
  if (!a || !type) return;
  await executor.run(PARSES_FUNCTION, { op: 'precheck' });
  await failIfAny(executor, a.table, `${q(a.from.name)} IS NOT NULL AND NOT pg_temp.tidemark_parses(${textForm(a.from)}, '${type}')`,
    [a.from.name], `${a.to.type} values`, a.target, `change those rows to valid ${a.to.type} values first, or clear them`);
}
