import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';
import { alteredColumn } from './altered-column.js';
import { failIfAny } from './sample.js';

/** `checkEnumValues` refuses a change to an enum while rows hold a value it no longer allows. */
export function checkEnumValues(executor: SqliteExecutor, operation: SchemaOperation, before: SchemaSnapshot): void {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'enum') return;
  const allowed = a.to.values ?? [];
  if (a.from.type === 'enum' && (a.from.values ?? []).every((v) => allowed.includes(v))) return;
  const c = sqlite.quoteIdentifier(a.from.name);
  failIfAny(executor, a.table, `${c} IS NOT NULL AND ${c} NOT IN (${allowed.map((v) => sqlite.renderLiteral(v)).join(', ')})`, [a.from.name],
    'enum values', a.target, `change those rows to one of ${allowed.join(', ')} first, or keep the removed values`);
}
