import { backfillValue } from '../operation/backfill-value.js';
import { refuseArrayConversion } from '../backend/array-conversion.js';
import { applyOperation } from '../operation/apply-operation.js';
import type { Operation, SchemaOperation } from '../operation/operations.js';
import { normalizeSnapshot } from '../snapshot/normalize-snapshot.js';
import { findTable, type SchemaSnapshot, type TableSnapshot } from '../snapshot/schema-snapshot.js';
import type { RenameHints } from '../model/model-description.js';
import { columnChanges } from './column-changes.js';
import { orderByDependencies } from './order-tables.js';
import type { RenamePolicy } from './rename-resolver.js';
import { resolveRenames, type UnsettledRenames } from './resolve-renames.js';
import { renameAmbiguous } from '../errors/factories.js';

/** `DiffOptions` steer rename detection. */
export interface DiffOptions {
  readonly hints?: RenameHints;
  /** What to do with a removed+added pair no hint resolves; default: refuse. */
  readonly renames?: RenamePolicy;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const byName = <T extends { name: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => (a.name < b.name ? -1 : 1));

/**
 * `diffSnapshots` returns the operations that turn `prev` into `next`, in an order every
 * backend can apply: renames; foreign keys, indexes and tables dropped (referencing tables
 * first; checks dropped with the indexes); tables created in foreign-key order; columns added,
 * re-keyed, altered and dropped; indexes and checks created; foreign keys added last (which also closes cycles). Renames come only from
 * hints or the rename policy, never from a guess.
 */
export async function diffSnapshots(prev: SchemaSnapshot, nextSnapshot: SchemaSnapshot, options: DiffOptions = {}): Promise<SchemaOperation[]> {
  // Compared in canonical form, so key order in `next` is never taken for a change.
  const next = normalizeSnapshot(nextSnapshot);
  // looked up once per table in every step below: a map keeps 1,000 tables from costing 1,000²
  const nextByName = new Map(next.tables.map((t) => [t.name, t]));
  const nextTable = (name: string): TableSnapshot | undefined => nextByName.get(name);
  const policy = options.renames ?? { mode: 'refuse' };
  const hints = options.hints ?? { tables: [], columns: [] };
  const ops: SchemaOperation[] = [];
  let state = normalizeSnapshot(prev);
  const emit = (operation: SchemaOperation): void => {
    state = applyOperation(state, operation);
    ops.push(operation);
  };

  // 1. table renames
  const unsettled: UnsettledRenames[] = [];
  const tableRenames = await resolveRenames('table', state.tables.map((t) => t.name), next.tables.map((t) => t.name), hints.tables, policy);
  if (tableRenames.unsettled) unsettled.push(tableRenames.unsettled);
  for (const r of tableRenames.renames) {
    // A table renamed away while a new table takes its old name: the rename goes first, the
    // new table is created in 6 like any other.
    emit({ kind: 'renameTable', from: r.from, to: r.to });
  }

  // 2. column renames, table by table. A table whose own rename is still an open question (one
  //    removed, one added) is compared with the table it may be renamed from, so the answer to
  //    both comes in the same run; its column questions are asked only if the table question is.
  const maybeRenamed = new Map<string, string>();
  for (const u of unsettled) if (u.removed.length === 1 && u.added.length === 1) maybeRenamed.set(u.added[0]!, u.removed[0]!);
  for (const target of next.tables) {
    const current = findTable(state, target.name) ?? findTable(state, maybeRenamed.get(target.name) ?? '');
    if (!current) continue;
    const { renames, unsettled: columns } = await resolveRenames(
      'column', current.columns.map((c) => c.name), target.columns.map((c) => c.name),
      hints.columns.filter((h) => h.table === target.name), policy, target.name,
    );
    if (columns) unsettled.push(columns);
    if (current.name !== target.name) continue; // the table is not renamed yet: nothing to emit before the question is settled
    for (const r of renames) emit({ kind: 'renameColumn', table: target.name, from: r.from, to: r.to });
  }
  // Every open question at once: one run tells the user all the flags (a history with 13 renames
  // used to take 13 runs).
  if (unsettled.length > 0) throw renameAmbiguous(unsettled);

  const kept = state.tables.filter((t) => nextTable(t.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  const dropped = state.tables.filter((t) => !nextTable(t.name));
  const created = next.tables.filter((t) => !findTable(state, t.name));

  // 3. foreign keys that change or go, on kept tables (a dropped table's own keys go with it,
  //    except those closing a cycle between dropped tables, handled in 5)
  for (const t of kept) {
    const target = nextTable(t.name)!;
    for (const fk of byName(t.foreignKeys)) {
      const wanted = target.foreignKeys.find((f) => f.name === fk.name);
      if (!wanted || !same(wanted, fk)) emit({ kind: 'dropForeignKey', table: t.name, foreignKey: fk.name });
    }
  }
  // 4. indexes that change or go, on kept tables
  for (const t of kept) {
    const target = nextTable(t.name)!;
    for (const idx of byName(t.indexes)) {
      const wanted = target.indexes.find((i) => i.name === idx.name);
      if (!wanted || !same(wanted, idx)) emit({ kind: 'dropIndex', table: t.name, index: idx.name });
    }
    // checks that change or go, before any column they may name is altered or dropped
    for (const check of byName(t.checks ?? [])) {
      const wanted = (target.checks ?? []).find((c) => c.name === check.name);
      if (!wanted || !same(wanted, check)) emit({ kind: 'dropCheck', table: t.name, check: check.name });
    }
  }
  // 5. tables that go: referencing tables first; keys closing a cycle dropped before
  const dropOrder = orderByDependencies(dropped);
  for (const t of dropOrder.ordered) {
    for (const fk of byName(t.foreignKeys)) {
      if (dropOrder.deferred.has(`${t.name}.${fk.name}`)) emit({ kind: 'dropForeignKey', table: t.name, foreignKey: fk.name });
    }
  }
  for (const t of [...dropOrder.ordered].reverse()) emit({ kind: 'dropTable', table: t.name });

  // 6. tables that come: referenced tables first; foreign keys to tables not there yet wait for 9,
  //    as do those to a kept table whose referenced key only appears in 7 (a new key column)
  const createOrder = orderByDependencies(created);
  const later: { table: string; fk: TableSnapshot['foreignKeys'][number] }[] = [];
  const keyReady = (fk: TableSnapshot['foreignKeys'][number], self: string): boolean => {
    if (fk.referencedTable === self) return true;
    const target = findTable(state, fk.referencedTable);
    if (!target) return true; // a table created later in this step: ordered or deferred above
    return same(target.primaryKey, fk.referencedColumns)
      || target.indexes.some((i) => i.unique && same(i.columns, fk.referencedColumns));
  };
  for (const t of createOrder.ordered) {
    const inline = t.foreignKeys.filter((fk) => !createOrder.deferred.has(`${t.name}.${fk.name}`) && keyReady(fk, t.name));
    for (const fk of t.foreignKeys) if (!inline.includes(fk)) later.push({ table: t.name, fk });
    emit({ kind: 'createTable', table: { ...t, foreignKeys: inline } });
  }

  // 7. columns of kept tables: add, re-key, alter, drop
  for (const t of kept) {
    const target = nextTable(t.name)!;
    const current = findTable(state, t.name)!;
    for (const c of target.columns) {
      if (current.columns.some((x) => x.name === c.name)) continue;
      const needsBackfill = !c.nullable && c.default === undefined && !c.autoIncrement;
      emit({ kind: 'addColumn', table: t.name, column: c, ...(needsBackfill ? { backfill: backfillValue(c) } : {}) });
    }
    if (!same(current.primaryKey, target.primaryKey)) emit({ kind: 'alterPrimaryKey', table: t.name, columns: target.primaryKey });
    for (const c of target.columns) {
      const from = current.columns.find((x) => x.name === c.name);
      if (from && columnChanges(from, c).length > 0) refuseArrayConversion('Tidemark', t.name, from, c);
      if (from && columnChanges(from, c).length > 0) emit({ kind: 'alterColumn', table: t.name, column: c.name, to: c });
    }
    for (const c of current.columns) {
      if (!target.columns.some((x) => x.name === c.name)) emit({ kind: 'dropColumn', table: t.name, column: c.name });
    }
  }

  // 8. indexes of kept tables that are new or changed
  for (const t of kept) {
    const target = nextTable(t.name)!;
    const current = findTable(state, t.name)!;
    for (const idx of byName(target.indexes)) {
      if (!current.indexes.some((i) => i.name === idx.name)) emit({ kind: 'createIndex', table: t.name, index: idx });
    }
    // checks that are new or changed, once every column they may name is there
    for (const check of byName(target.checks ?? [])) {
      if (!(current.checks ?? []).some((c) => c.name === check.name)) emit({ kind: 'addCheck', table: t.name, check });
    }
  }

  // 9. foreign keys last: new or changed ones on kept tables, then those closing cycles
  for (const t of kept) {
    const target = nextTable(t.name)!;
    const current = findTable(state, t.name)!;
    for (const fk of byName(target.foreignKeys)) {
      if (!current.foreignKeys.some((f) => f.name === fk.name)) emit({ kind: 'addForeignKey', table: t.name, foreignKey: fk });
    }
  }
  for (const { table, fk } of later) emit({ kind: 'addForeignKey', table, foreignKey: fk });
  return ops;
}

/** `isEmptyDiff` tells whether a diff has nothing to do. */
export function isEmptyDiff(ops: readonly Operation[]): boolean {
  return ops.length === 0;
}
