import { findTable } from '@tidemark/core';
import type { CheckQuery } from './check-query.js';
import type { SqlCheck } from './sql-check.js';

/**
 * `checkConstraint` refuses to add a CHECK constraint (`@Check`) while rows break it: it counts
 * the rows for which the expression is false. A NULL result passes, as it does in the database's
 * own CHECK, so `NOT (expression)` selects exactly the rows the constraint would reject.
 */
export const checkConstraint: SqlCheck = {
  name: 'check',
  queries(operation, before): CheckQuery[] {
    if (operation.kind !== 'addCheck') return [];
    const table = findTable(before, operation.table);
    if (!table) return [];
    return [{
      kind: 'rows', check: `check ${operation.check.name}`, table, where: `NOT (${operation.check.expression})`, columns: [],
      target: `${operation.table} (${operation.check.expression})`,
      hint: 'change or remove the rows that break it first (db.execute in a migration before this step), or change the expression',
    }];
  },
};
