import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capabilities, sqliteBackend } from '@tidemark/sqlite';
import type { BackendHarness, InsertRow, Row } from './harness.js';

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function literal(value: InsertRow[string]): string {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return `'${JSON.stringify(value).replace(/'/g, "''")}'`;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/** `sqliteHarness` runs the conformance suite on a new SQLite file per test; always reachable. */
export const sqliteHarness: BackendHarness = {
  name: 'sqlite',
  capabilities,
  unreachable: async () => undefined,
  async create() {
    const dir = await mkdtemp(join(tmpdir(), 'tidemark-conformance-'));
    const url = `sqlite:${join(dir, 'test.db')}`;
    const connection = await sqliteBackend.connect(url);
    return {
      url,
      connection,
      async insert(table, rows) {
        for (const row of rows) {
          const cols = Object.keys(row);
          await connection.applier.execute(
            `INSERT INTO ${quote(table)} (${cols.map(quote).join(', ')}) VALUES (${cols.map((c) => literal(row[c]!)).join(', ')})`,
          );
        }
      },
      async select(table, columns, orderBy) {
        const rows = (await connection.applier.execute(
          `SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${quote(orderBy)}`,
        )) as Row[];
        return rows.map((r) => ({ ...r }));
      },
      async count(table) {
        const [row] = (await connection.applier.execute(`SELECT count(*) AS n FROM ${quote(table)}`)) as { n: number }[];
        return row!.n;
      },
      async clear(tables) {
        // foreign keys off for the sweep: the order of the tables does not matter then
        await connection.applier.execute('PRAGMA foreign_keys = OFF');
        for (const t of tables) await connection.applier.execute(`DELETE FROM ${quote(t)}`);
        await connection.applier.execute('PRAGMA foreign_keys = ON');
      },
      async tables() {
        const rows = (await connection.applier.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) as { name: string }[];
        return rows.map((r) => r.name);
      },
      async readOnly() {
        // the file and its folder lose their write bits; root ignores those, so as root the
        // CLI runs as nobody (65534), for whom they hold
        await chmod(join(dir, 'test.db'), 0o444);
        await chmod(dir, 0o555);
        const root = process.getuid?.() === 0;
        return { url, ...(root ? { uid: 65534, gid: 65534 } : {}) };
      },
      async dispose() {
        await connection.close();
        await chmod(dir, 0o755).catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};
