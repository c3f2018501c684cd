import { resolve } from 'node:path';
import { comparableSnapshot, type BackendConnection, type SchemaSnapshot } from '@tidemark/core';
import { createMigrator, type Migrator } from '@tidemark/migrator';
import { connect } from '../load-backend.js';

/** `ScratchOptions` say where the migrations are and which database to use. */
export interface ScratchOptions {
  /** The migrations folder (relative to the current directory). */
  readonly migrations: string;
  /** The database to use (default: SQLite in memory). It must be a throw-away database. */
  readonly url?: string;
}

/**
 * `ScratchDatabase` is a throw-away database with the project's migrations, for a user's own
 * tests and for `migrate:verify`: migrate it, roll it back, read its schema and its rows.
 */
export interface ScratchDatabase {
  readonly url: string;
  readonly connection: BackendConnection;
  readonly migrator: Migrator;
  /** Applies the pending migrations up to and including `id` (default: all). */
  migrateTo(id?: string): Promise<void>;
  /** Rolls back the newest `steps` applied migrations (default 1). */
  rollback(steps?: number): Promise<void>;
  /** The live schema, in the form that compares across runs (names as the backend stores them). */
  introspect(): Promise<SchemaSnapshot>;
  /** Every row (document, item) of `table`, sorted, values as the driver returns them. */
  rows(table: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/**
 * `createScratchDatabase` opens a scratch database (SQLite in memory unless `url` names another)
 * with a migrator on `migrations`.
 * @example const db = await createScratchDatabase({ migrations: 'migrations' }); await db.migrateTo('20250117_130000_add_user_email');
 */
export async function createScratchDatabase(options: ScratchOptions): Promise<ScratchDatabase> {
  const url = options.url ?? 'sqlite::memory:';
  const connection = await connect(url);
  const migrator = createMigrator({ connection, directory: resolve(options.migrations), appliedBy: 'tidemark scratch' });
  return {
    url,
    connection,
    migrator,
    migrateTo: async (id) => { await migrator.up(id ? { to: id } : {}); },
    rollback: async (steps = 1) => { await migrator.down({ steps, allowDestructive: true }); },
    introspect: async () => comparableSnapshot(await connection.introspect(), connection.capabilities),
    rows: (table) => readRows(connection, table),
    close: () => connection.close(),
  };
}

/** Reads a table whole with the backend's own statement, and sorts the rows so two reads compare equal. */
async function readRows(connection: BackendConnection, table: string): Promise<Record<string, unknown>[]> {
  let rows: Record<string, unknown>[];
  switch (connection.dialect) {
    case 'sqlite': case 'postgres':
      rows = await connection.applier.execute(`SELECT * FROM "${table.replaceAll('"', '""')}"`) as Record<string, unknown>[];
      break;
    case 'mysql':
      rows = await connection.applier.execute(`SELECT * FROM \`${table.replaceAll('`', '``')}\``) as Record<string, unknown>[];
      break;
    case 'dynamodb': {
      rows = [];
      let start: unknown;
      do {
        const page = await connection.applier.execute({ command: 'Scan', input: { TableName: table, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) } }) as { Items?: Record<string, unknown>[]; LastEvaluatedKey?: unknown };
        rows.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      break;
    }
    case 'mongodb': {
      const reply = await connection.applier.execute({ find: table, filter: {}, projection: { _id: 0 }, batchSize: 100_000 }) as { cursor?: { firstBatch?: Record<string, unknown>[] } };
      rows = reply.cursor?.firstBatch ?? [];
      break;
    }
  }
  const text = (row: Record<string, unknown>): string => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  return rows.sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}
