import type { PullInventory, PullNote, SchemaSnapshot } from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from './executor.js';
import { isManagedTable } from './introspect.js';

interface MasterRow { readonly type: string; readonly name: string; readonly tbl_name: string; readonly sql: string | null }
interface ColumnRow { readonly name: string; readonly type: string; readonly dflt_value: string | null; readonly pk: number }
interface IndexRow { readonly name: string; readonly origin: string; readonly partial: number }

// The declared types `parseDeclaredType` knows by name; any other reads by SQLite's affinity rules.
const KNOWN_TYPES = new Set(['INTEGER', 'INT', 'BIGINT', 'REAL', 'DOUBLE', 'FLOAT', 'NUMERIC', 'DECIMAL', 'VARCHAR', 'TEXT', 'BOOLEAN', 'UUID', 'DATE', 'TIMESTAMP', 'DATETIME', 'JSON', 'BLOB']);
const baseType = (declared: string): string => declared.replace(/\(.*$/s, '').replace(/\/\*.*?\*\//gs, '').trim().toUpperCase().replace(/\s+/g, ' ');

/**
 * `sqlitePullInventory` lists what `migrate:pull` cannot write from introspection alone (see
 * `PullInventory`): views and triggers; UNIQUE and PRIMARY KEY constraints written inline, whose
 * automatic indexes introspection leaves out; partial indexes; declared types Tidemark has no
 * name for (read by affinity); defaults that are expressions; an `INTEGER PRIMARY KEY` without
 * AUTOINCREMENT (SQLite numbers it, but may reuse the numbers of deleted rows).
 */
export function sqlitePullInventory(executor: SqliteExecutor, live: SchemaSnapshot): PullInventory {
  const notes: PullNote[] = [];
  const master = executor.allSync<MasterRow>("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') ORDER BY name");
  for (const o of master) {
    if (o.type === 'view') notes.push({ kind: 'skipped', object: `view ${o.name}`, problem: 'models describe tables only; keep its CREATE VIEW in a migration (db.execute)' });
    if (o.type === 'trigger' && isManagedTable(o.tbl_name)) {
      notes.push({ kind: 'skipped', table: o.tbl_name, object: `trigger ${o.name}`, problem: 'models cannot say it; keep its CREATE TRIGGER in a migration (db.execute)' });
    }
  }
  for (const table of live.tables) {
    const parsed = sqlite.parseCreateTable(master.find((o) => o.type === 'table' && o.name === table.name)?.sql ?? '');
    const columns = executor.allSync<ColumnRow>('SELECT name, type, dflt_value, pk FROM pragma_table_info(?)', [table.name]);
    for (const c of columns) {
      const snap = table.columns.find((x) => x.name === c.name);
      const base = baseType(c.type);
      if (!KNOWN_TYPES.has(base)) {
        notes.push({ kind: 'approximated', table: table.name, object: `column ${table.name}.${c.name}`, problem: `its declared type ${c.type || '(none)'} has no portable type; it reads as ${snap?.type ?? '?'} by SQLite's affinity rules` });
      }
      if (c.dflt_value !== null && snap?.default === undefined) {
        notes.push({ kind: 'skipped', table: table.name, object: `column ${table.name}.${c.name}`, problem: `its default ${c.dflt_value} is an expression models cannot say; it is pulled without a default` });
      }
      const rowid = c.pk === 1 && table.primaryKey.length === 1 && base === 'INTEGER';
      if (rowid && !parsed.columns.find((p) => p.name === c.name)?.autoIncrement) {
        notes.push({ kind: 'approximated', table: table.name, object: `column ${table.name}.${c.name}`, problem: 'it is INTEGER PRIMARY KEY without AUTOINCREMENT (SQLite numbers rows but may reuse numbers); pulled as @Key() without @Auto(); add @Auto() for AUTOINCREMENT' });
      }
    }
    for (const i of executor.allSync<IndexRow>('SELECT name, origin, partial FROM pragma_index_list(?)', [table.name])) {
      if (i.origin === 'u') {
        const cols = executor.allSync<{ name: string | null }>('SELECT name FROM pragma_index_info(?) ORDER BY seqno', [i.name]).map((r) => r.name ?? '<expression>');
        notes.push({ kind: 'skipped', table: table.name, object: `unique constraint on ${table.name}(${cols.join(', ')})`, problem: `it is written inline in CREATE TABLE (index ${i.name}), which introspection does not read; add @Unique() or @Index([...], { unique: true }) to keep it in the models` });
      } else if (i.origin === 'c' && i.partial === 1) {
        notes.push({ kind: 'approximated', table: table.name, object: `index ${i.name}`, problem: 'it is a partial index (WHERE …); models cannot say the condition, so it is pulled as a full index' });
      }
    }
  }
  return { tables: [], notes };
}
