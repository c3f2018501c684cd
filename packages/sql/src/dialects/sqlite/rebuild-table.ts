import type { TableSnapshot } from '@tidemark/core';
import { renderCreateIndex, renderCreateTable } from './render-create-table.js';
import { quoteIdentifier, renderLiteral } from './quote.js';

/** `REBUILD_PREFIX` names the temporary table of a rebuild; introspection skips `_tidemark_*`. */
export const REBUILD_PREFIX = '_tidemark_new_';

/** `RebuildPlan` says how to turn a table into another definition of itself. */
export interface RebuildPlan {
  /** The table as it is. */
  readonly before: TableSnapshot;
  /** The table as it must be; same name as `before`. */
  readonly after: TableSnapshot;
  /**
   * For each column of `after` that is filled from the old rows: a SQL expression over the old
   * table's columns. Columns left out get their default (or NULL).
   */
  readonly sources: ReadonlyMap<string, string>;
}

/**
 * `sameNameSources` maps each column of `after` that also exists in `before` to itself: the
 * usual start of a rebuild plan, before an operation overrides its own column.
 */
export function sameNameSources(before: TableSnapshot, after: TableSnapshot): Map<string, string> {
  const old = new Set(before.columns.map((c) => c.name));
  return new Map(after.columns.filter((c) => old.has(c.name)).map((c) => [c.name, quoteIdentifier(c.name)]));
}

/**
 * `rebuildTable` renders SQLite's generalized ALTER TABLE procedure, "the 12 steps" of
 * https://www.sqlite.org/lang_altertable.html#otheralter, for the changes ALTER TABLE cannot make.
 * Returned here are the in-transaction steps 4–8:
 * create the new table under a temporary name, copy every row, drop the old table, rename the new
 * one to the old name, recreate the indexes. Steps 1–2 and 10–12 (foreign keys OFF outside any
 * transaction, BEGIN, `PRAGMA foreign_key_check`, COMMIT, foreign keys ON) belong to the
 * connection: `PRAGMA foreign_keys` is a no-op inside a transaction, and with foreign keys ON
 * the DROP TABLE of step 6 would run ON DELETE CASCADE and empty the child tables.
 *
 * The order matters: renaming the NEW table to the old name (never the old table away) leaves the
 * REFERENCES clauses of other tables untouched, so their foreign keys point at the new table.
 */
export function rebuildTable(plan: RebuildPlan): string[] {
  const { before, after, sources } = plan;
  const name = quoteIdentifier(before.name);
  const temp = `${REBUILD_PREFIX}${before.name}`;
  const statements = [renderCreateTable(after, temp)];
  const targets = after.columns.filter((c) => sources.has(c.name));
  if (targets.length > 0) {
    statements.push(`INSERT INTO ${quoteIdentifier(temp)} (${targets.map((c) => quoteIdentifier(c.name)).join(', ')}) `
      + `SELECT ${targets.map((c) => sources.get(c.name)).join(', ')} FROM ${name}`);
  }
  if (before.columns.some((c) => c.autoIncrement) && after.columns.some((c) => c.autoIncrement)) {
    // Keep the AUTOINCREMENT high-water mark, so ids of deleted rows are never reused
    // (https://www.sqlite.org/autoinc.html); sqlite_sequence may be edited with ordinary DML.
    statements.push(`DELETE FROM sqlite_sequence WHERE name = ${renderLiteral(temp)}`);
    statements.push(`INSERT INTO sqlite_sequence (name, seq) SELECT ${renderLiteral(temp)}, seq FROM sqlite_sequence WHERE name = ${renderLiteral(before.name)}`);
  }
  statements.push(`DROP TABLE ${name}`);
  statements.push(`ALTER TABLE ${quoteIdentifier(temp)} RENAME TO ${name}`);
  for (const index of after.indexes) statements.push(renderCreateIndex(after.name, index));
  return statements;
}
