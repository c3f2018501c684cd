import { backendError } from '@tidemark/core';
import type { SqliteExecutor } from './executor.js';

interface Violation {
  readonly table: string;
  readonly rowid: number | null;
  readonly parent: string;
  readonly fkid: number;
}

/**
 * `assertForeignKeys` runs `PRAGMA foreign_key_check` (step 10 of
 * https://www.sqlite.org/lang_altertable.html#otheralter) and throws TM_BACKEND_ERROR naming the
 * first offending table and rowid when any row points at a missing parent. Migrations run with
 * foreign keys off, so this is the only place their foreign keys are verified.
 */
export function assertForeignKeys(executor: SqliteExecutor, op = 'foreign_key_check'): void {
  const statement = 'PRAGMA foreign_key_check';
  const rows = executor.allSync<Violation>(statement);
  if (rows.length === 0) return;
  const first = rows[0]!;
  throw backendError(
    'sqlite',
    `FOREIGN KEY constraint failed: ${rows.length} row(s) point at missing parents, e.g. ${first.table} rowid ${first.rowid} → ${first.parent}`,
    { op, statement, sqliteCode: 'SQLITE_CONSTRAINT_FOREIGNKEY', table: first.table, rowid: first.rowid, parent: first.parent,
      count: rows.length, violations: rows.slice(0, 5) },
  );
}

/** `foreignKeysEnabled` tells whether the connection enforces foreign keys right now. */
export function foreignKeysEnabled(executor: SqliteExecutor): boolean {
  return executor.allSync<{ foreign_keys: number }>('PRAGMA foreign_keys')[0]?.foreign_keys === 1;
}

/**
 * `setForeignKeys` switches enforcement on or off. SQLite ignores this inside a transaction
 * (https://www.sqlite.org/foreignkeys.html#fk_enable), so callers MUST call it outside one.
 */
export function setForeignKeys(executor: SqliteExecutor, on: boolean): void {
  executor.runSync(`PRAGMA foreign_keys = ${on ? 'ON' : 'OFF'}`);
}
