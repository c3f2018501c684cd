import { precheckFailed, type TableSnapshot, type TidemarkError } from '@tidemark/core';
import type { SqlExecutor } from '../sql-executor.js';
import type { CheckPredicates } from './check-predicates.js';

/** `SAMPLE_SIZE` is how many offending rows (or repeated values) a precheck failure shows. */
export const SAMPLE_SIZE = 5;

/** What every failure says: the check, what it is about, and how to fix the data. */
interface Failure {
  readonly check: string;
  readonly target: string;
  readonly hint: string;
  readonly table: TableSnapshot;
}

/** `RowsQuery` counts the rows of `table` matching `where` and shows their key and `columns`. */
export interface RowsQuery extends Failure {
  readonly kind: 'rows';
  readonly where: string;
  readonly columns: readonly string[];
  /** Statements to run first (PostgreSQL's parse function). */
  readonly setup?: readonly string[];
}

/**
 * `DuplicatesQuery` counts the rows whose values over `columns` repeat, each column read through
 * `expressions` when given (its value after a type change). Rows with a NULL in any of the
 * columns never repeat, as in a unique index on every SQL backend.
 */
export interface DuplicatesQuery extends Failure {
  readonly kind: 'duplicates';
  readonly columns: readonly string[];
  readonly expressions?: ReadonlyMap<string, string>;
  /** A partial unique index counts only the rows its predicate selects. */
  readonly where?: string;
}

/** `CheckQuery` is one read a precheck makes: pure data, so it can be rendered and tested without a server. */
export type CheckQuery = RowsQuery | DuplicatesQuery;

/** `QueryText` is the SQL of a query: the count, then the samples (read only when the count is not 0). */
export interface QueryText {
  readonly setup: readonly string[];
  readonly count: string;
  readonly samples: string;
}

/** `renderQuery` returns the SQL of `query` in the dialect of `p`. */
export function renderQuery(p: CheckPredicates, query: CheckQuery): QueryText {
  const q = p.quote;
  if (query.kind === 'duplicates') {
    const exprs = query.columns.map((c) => query.expressions?.get(c) ?? q(c));
    const only = query.where !== undefined ? ` AND (${query.where})` : '';
    const groups = `FROM ${q(query.table.name)} WHERE ${exprs.map((e) => `(${e}) IS NOT NULL`).join(' AND ')}${only} `
      + `GROUP BY ${exprs.join(', ')} HAVING COUNT(*) > 1`;
    const shown = exprs.map((e, i) => `${e} AS ${q(query.columns[i]!)}`).join(', ');
    return {
      setup: [],
      count: `SELECT SUM(n) AS n FROM (SELECT COUNT(*) AS n ${groups}) AS repeated`,
      samples: `SELECT ${shown}, COUNT(*) AS ${q('duplicates')} ${groups} ORDER BY ${exprs.join(', ')} LIMIT ${SAMPLE_SIZE}`,
    };
  }
  const from = `FROM ${q(query.table.name)} WHERE ${query.where}`;
  const key = query.table.primaryKey;
  // in key order, so the same data always shows the same samples on every backend
  const keySelect = key.length > 0 ? key.map(q) : p.rowId ? [p.rowId.select] : [];
  const order = key.length > 0 ? ` ORDER BY ${key.map(q).join(', ')}` : p.rowId ? ` ORDER BY ${p.rowId.order}` : '';
  const shown = [...new Set([...keySelect, ...query.columns.map(q)])];
  return {
    setup: query.setup ?? [],
    count: `SELECT COUNT(*) AS n ${from}`,
    samples: `SELECT ${shown.length > 0 ? shown.join(', ') : '*'} ${from}${order} LIMIT ${SAMPLE_SIZE}`,
  };
}

/** `PlainValue` makes a driver's value printable as JSON (bytes, dates, bigints). */
export type PlainValue = (value: unknown) => unknown;

/**
 * `runQuery` reads `query` and returns its TM_PRECHECK_FAILED error, or undefined when no row
 * fails. Errors reading the database are thrown.
 */
export async function runQuery(executor: SqlExecutor, p: CheckPredicates, query: CheckQuery,
  plainValue: PlainValue = (v) => v): Promise<TidemarkError | undefined> {
  const text = renderQuery(p, query);
  for (const statement of text.setup) await executor.run(statement, { op: 'precheck' });
  const [row] = await executor.all<{ n: unknown }>(text.count);
  const count = Number(row?.n ?? 0);
  if (count === 0) return undefined;
  const samples = (await executor.all(text.samples))
    .map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, plainValue(v)])));
  return precheckFailed(query.check, query.target, count, samples, query.hint);
}
