import { comparableSnapshot, type ComparableOptions, type PullNote, type SchemaSnapshot, type TableSnapshot } from '@tidemark/core';

// The snapshots compared are normalized (fixed key order), so JSON text is a faithful equality.

const show = (value: unknown): string => (value === undefined ? '(none)' : JSON.stringify(value));
const byName = <T extends { name: string }>(items: readonly T[]): Map<string, T> => new Map(items.map((i) => [i.name, i]));

function compareTable(table: string, models: TableSnapshot, live: TableSnapshot, notes: PullNote[]): void {
  const differ = (object: string, what: string, modelsSay: unknown, database: unknown): void => {
    notes.push({ kind: 'approximated', table, object, problem: `${what}: the database has ${show(database)}, the pulled models say ${show(modelsSay)}` });
  };
  if (JSON.stringify(models.primaryKey) !== JSON.stringify(live.primaryKey)) differ(`table ${table}`, 'primary key', models.primaryKey, live.primaryKey);
  const modelColumns = byName(models.columns);
  for (const c of live.columns) {
    const m = modelColumns.get(c.name);
    if (!m) { differ(`column ${table}.${c.name}`, 'column', undefined, c); continue; }
    for (const field of ['type', 'nullable', 'default', 'autoIncrement', 'length', 'precision', 'scale', 'values'] as const) {
      if (JSON.stringify(m[field] ?? null) !== JSON.stringify(c[field] ?? null)) differ(`column ${table}.${c.name}`, field, m[field], c[field]);
    }
  }
  for (const m of models.columns) if (!live.columns.some((c) => c.name === m.name)) differ(`column ${table}.${m.name}`, 'column', m, undefined);
  for (const [what, modelItems, liveItems] of [['index', models.indexes, live.indexes], ['foreign key', models.foreignKeys, live.foreignKeys]] as const) {
    const modelByName = byName<{ name: string }>(modelItems);
    const liveByName = byName<{ name: string }>(liveItems);
    for (const [name, l] of liveByName) {
      const m = modelByName.get(name);
      if (!m) notes.push({ kind: 'skipped', table, object: `${what} ${name}`, problem: 'the pulled models leave it out' });
      else if (JSON.stringify(m) !== JSON.stringify(l)) differ(`${what} ${name}`, what, m, l);
    }
    for (const [name, m] of modelByName) {
      if (liveByName.has(name)) continue;
      // buildSnapshot indexes every foreign key column that no key or index starts with
      const why = what === 'index' && models.foreignKeys.some((f) => f.columns[0] === (m as { columns?: string[] }).columns?.[0]) ? ' (models index every foreign key column)' : '';
      notes.push({ kind: 'approximated', table, object: `${what} ${name}`, problem: `the database has none; the pulled models add ${show(m)}${why}, which the first generated migration creates` });
    }
  }
}

/**
 * `comparePulled` lists every difference between the schema the pulled models build and the live
 * one, compared as `migrate:check` compares them (`comparableSnapshot`), for the tables that were
 * pulled: what the models could not say exactly is never dropped silently.
 */
export function comparePulled(fromModels: SchemaSnapshot, live: SchemaSnapshot, pulledTables: readonly string[], options: ComparableOptions): PullNote[] {
  const m = byName(comparableSnapshot(fromModels, options).tables);
  const l = byName(comparableSnapshot(live, options).tables);
  const notes: PullNote[] = [];
  for (const table of pulledTables) {
    const liveTable = l.get(table);
    const modelTable = m.get(table);
    if (!liveTable || !modelTable) {
      notes.push({ kind: 'approximated', table, object: `table ${table}`, problem: `the pulled models ${modelTable ? 'add' : 'lose'} it` });
      continue;
    }
    compareTable(table, modelTable, liveTable, notes);
  }
  return notes;
}
