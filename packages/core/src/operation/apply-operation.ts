import { TidemarkError } from '../errors/tidemark-error.js';
import { normalizeTable } from '../snapshot/normalize-snapshot.js';
import type { ColumnSnapshot, SchemaSnapshot, TableSnapshot } from '../snapshot/schema-snapshot.js';
import { columnProblem } from '../model/check-column.js';
import { assertNever, type Operation } from './operations.js';

function invalid(operation: Operation, problem: string): TidemarkError {
  return new TidemarkError('TM_MIGRATION_INVALID', {
    message: `${operation.kind}: ${problem}`,
    hint: 'fix the migration so each step applies to the schema the earlier migrations leave',
    details: { operation },
  });
}

/**
 * `applyOperation` is the pure reducer of the schema model: the snapshot after `operation`.
 * It refuses steps that do not fit the schema (a missing table, a column still used by an
 * index), so a migration file that would fail on a database fails here first.
 * `execute` statements are opaque and leave the model unchanged.
 */
export function applyOperation(snapshot: SchemaSnapshot, operation: Operation): SchemaSnapshot {
  const tables = [...snapshot.tables];
  const indexOf = (name: string): number => {
    const i = tables.findIndex((t) => t.name === name);
    if (i < 0) throw invalid(operation, `table ${name} does not exist`);
    return i;
  };
  // Only the tables a step touches are re-normalized: normalizing the whole schema on every
  // step made replaying or diffing N tables cost N², which 1,000 models made seconds.
  const update = (name: string, fn: (t: TableSnapshot) => TableSnapshot): void => {
    const i = indexOf(name);
    tables[i] = normalizeTable(fn(tables[i]!));
  };
  const insertSorted = (table: TableSnapshot): void => {
    let lo = 0;
    let hi = tables.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tables[mid]!.name < table.name) lo = mid + 1; else hi = mid;
    }
    tables.splice(lo, 0, normalizeTable(table));
  };
  const column = (t: TableSnapshot, name: string): ColumnSnapshot => {
    const c = t.columns.find((x) => x.name === name);
    if (!c) throw invalid(operation, `column ${t.name}.${name} does not exist`);
    return c;
  };
  const noColumn = (t: TableSnapshot, name: string): void => {
    if (t.columns.some((x) => x.name === name)) throw invalid(operation, `column ${t.name}.${name} already exists`);
  };
  const noTable = (name: string): void => {
    if (tables.some((t) => t.name === name)) throw invalid(operation, `table ${name} already exists`);
  };
  const usedBy = (t: TableSnapshot, name: string): string | undefined => {
    if (t.primaryKey.includes(name)) return 'the primary key';
    const idx = t.indexes.find((i) => i.columns.includes(name));
    if (idx) return `index ${idx.name}`;
    const fk = t.foreignKeys.find((f) => f.columns.includes(name));
    if (fk) return `foreign key ${fk.name}`;
    for (const other of tables) {
      const ref = other.foreignKeys.find((f) => f.referencedTable === t.name && f.referencedColumns.includes(name));
      if (ref) return `foreign key ${other.name}.${ref.name}`;
    }
    return undefined;
  };
  // A hand-written step may misspell a type ('varchar') or give a negative length: SQLite would
  // take it without a word, so the model refuses it before any backend sees it. Defaults are
  // left to the backends: history written before this check must still replay.
  const creatable = (c: ColumnSnapshot): void => {
    const p = columnProblem(c, { defaults: false });
    if (p) throw invalid(operation, `${p.problem} (${p.hint})`);
  };
  const renameIn = (list: readonly string[], from: string, to: string): string[] => list.map((x) => (x === from ? to : x));

  switch (operation.kind) {
    case 'createTable':
      noTable(operation.table.name);
      operation.table.columns.forEach(creatable);
      insertSorted(operation.table);
      break;
    case 'dropTable': {
      const i = indexOf(operation.table);
      const ref = tables.find((t) => t.name !== operation.table && t.foreignKeys.some((f) => f.referencedTable === operation.table));
      if (ref) throw invalid(operation, `table ${operation.table} is still referenced by a foreign key of ${ref.name}`);
      tables.splice(i, 1);
      break;
    }
    case 'renameTable': {
      const i = indexOf(operation.from);
      noTable(operation.to);
      const [renamed] = tables.splice(i, 1);
      for (let j = 0; j < tables.length; j++) {
        const t = tables[j]!;
        if (t.foreignKeys.some((f) => f.referencedTable === operation.from)) {
          tables[j] = normalizeTable({
            ...t,
            foreignKeys: t.foreignKeys.map((f) => (f.referencedTable === operation.from ? { ...f, referencedTable: operation.to } : f)),
          });
        }
      }
      insertSorted({
        ...renamed!,
        name: operation.to,
        foreignKeys: renamed!.foreignKeys.map((f) => (f.referencedTable === operation.from ? { ...f, referencedTable: operation.to } : f)),
      });
      break;
    }
    case 'addColumn':
      update(operation.table, (t) => {
        noColumn(t, operation.column.name);
        creatable(operation.column);
        return { ...t, columns: [...t.columns, operation.column] };
      });
      break;
    case 'dropColumn':
      update(operation.table, (t) => {
        column(t, operation.column);
        const user = usedBy(t, operation.column);
        if (user) throw invalid(operation, `column ${t.name}.${operation.column} is still used by ${user}; drop that first`);
        return { ...t, columns: t.columns.filter((c) => c.name !== operation.column) };
      });
      break;
    case 'alterColumn':
      update(operation.table, (t) => {
        column(t, operation.column);
        creatable(operation.to);
        return { ...t, columns: t.columns.map((c) => (c.name === operation.column ? operation.to : c)) };
      });
      break;
    case 'renameColumn': {
      const { from, to } = operation;
      update(operation.table, (t) => {
        column(t, from);
        noColumn(t, to);
        return {
          ...t,
          columns: t.columns.map((c) => (c.name === from ? { ...c, name: to } : c)),
          primaryKey: renameIn(t.primaryKey, from, to),
          indexes: t.indexes.map((i) => ({
            ...i, columns: renameIn(i.columns, from, to),
            ...(i.keyOptions ? { keyOptions: Object.fromEntries(Object.entries(i.keyOptions).map(([c, o]) => [c === from ? to : c, o])) } : {}),
          })),
          foreignKeys: t.foreignKeys.map((f) => ({ ...f, columns: renameIn(f.columns, from, to) })),
        };
      });
      for (let j = 0; j < tables.length; j++) {
        const t = tables[j]!;
        if (!t.foreignKeys.some((f) => f.referencedTable === operation.table)) continue;
        tables[j] = normalizeTable({
          ...t,
          foreignKeys: t.foreignKeys.map((f) =>
            f.referencedTable === operation.table ? { ...f, referencedColumns: renameIn(f.referencedColumns, from, to) } : f),
        });
      }
      break;
    }
    case 'alterPrimaryKey':
      update(operation.table, (t) => {
        for (const c of operation.columns) column(t, c);
        return { ...t, primaryKey: [...operation.columns] };
      });
      break;
    case 'createIndex':
      update(operation.table, (t) => {
        if (t.indexes.some((i) => i.name === operation.index.name)) throw invalid(operation, `index ${operation.index.name} already exists`);
        for (const c of operation.index.columns) column(t, c);
        return { ...t, indexes: [...t.indexes, operation.index] };
      });
      break;
    case 'dropIndex':
      update(operation.table, (t) => {
        if (!t.indexes.some((i) => i.name === operation.index)) throw invalid(operation, `index ${t.name}.${operation.index} does not exist`);
        return { ...t, indexes: t.indexes.filter((i) => i.name !== operation.index) };
      });
      break;
    case 'addForeignKey':
      update(operation.table, (t) => {
        const fk = operation.foreignKey;
        if (t.foreignKeys.some((f) => f.name === fk.name)) throw invalid(operation, `foreign key ${fk.name} already exists`);
        for (const c of fk.columns) column(t, c);
        const target = tables.find((x) => x.name === fk.referencedTable) ?? (fk.referencedTable === t.name ? t : undefined);
        if (!target) throw invalid(operation, `referenced table ${fk.referencedTable} does not exist`);
        for (const c of fk.referencedColumns) column(target, c);
        return { ...t, foreignKeys: [...t.foreignKeys, fk] };
      });
      break;
    case 'dropForeignKey':
      update(operation.table, (t) => {
        if (!t.foreignKeys.some((f) => f.name === operation.foreignKey)) {
          throw invalid(operation, `foreign key ${t.name}.${operation.foreignKey} does not exist`);
        }
        return { ...t, foreignKeys: t.foreignKeys.filter((f) => f.name !== operation.foreignKey) };
      });
      break;
    case 'addCheck':
      update(operation.table, (t) => {
        const checks = t.checks ?? [];
        if (checks.some((c) => c.name === operation.check.name)) throw invalid(operation, `check ${operation.check.name} already exists`);
        return { ...t, checks: [...checks, operation.check] };
      });
      break;
    case 'dropCheck':
      update(operation.table, (t) => {
        if (!(t.checks ?? []).some((c) => c.name === operation.check)) throw invalid(operation, `check ${t.name}.${operation.check} does not exist`);
        return { ...t, checks: (t.checks ?? []).filter((c) => c.name !== operation.check) };
      });
      break;
    case 'execute':
    case 'insert':
    case 'update':
    case 'backfill':
      return snapshot;
    default:
      assertNever(operation);
  }
  return { format: snapshot.format, version: snapshot.version, tables };
}

/** `applyOperations` folds `applyOperation` over a list. */
export function applyOperations(snapshot: SchemaSnapshot, operations: readonly Operation[]): SchemaSnapshot {
  return operations.reduce(applyOperation, snapshot);
}
