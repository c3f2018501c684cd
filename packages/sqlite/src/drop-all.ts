import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from './executor.js';
import { setForeignKeys, foreignKeysEnabled } from './foreign-key-check.js';

/**
 * `dropAllSqlite` drops every table of the database except SQLite's own (`sqlite_*`), the
 * history included, for `migrate:fresh`. Foreign keys are not enforced meanwhile, so the order
 * of the drops does not matter and no ON DELETE action runs: outside a transaction they are
 * switched off around it; inside one (where the PRAGMA is a no-op) they are deferred to commit,
 * when the tables are gone (https://www.sqlite.org/pragma.html#pragma_defer_foreign_keys).
 */
export function dropAllSqlite(executor: SqliteExecutor, keep: (table: string) => boolean = () => false): void {
  const drop = (): void => {
    // `keep` names tables other tools own (the config's `exclude`); Tidemark's own `_tidemark_*` tables always go.
    const tables = executor.allSync<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    for (const { name } of tables.filter((t) => t.name.startsWith('_tidemark_') || !keep(t.name))) executor.runSync(`DROP TABLE ${sqlite.quoteIdentifier(name)}`, { op: 'dropAll' });
  };
  if (executor.db.inTransaction) {
    executor.runSync('PRAGMA defer_foreign_keys = ON');
    drop();
    return;
  }
  const restore = foreignKeysEnabled(executor);
  setForeignKeys(executor, false);
  try {
    executor.runSync('BEGIN IMMEDIATE');
    try {
      drop();
      executor.runSync('COMMIT');
    } catch (err) {
      if (executor.db.inTransaction) executor.runSync('ROLLBACK');
      throw err;
    }
  } finally {
    if (restore) setForeignKeys(executor, true);
  }
}
