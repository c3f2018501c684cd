import { checkCapabilities } from '@tidemark/core';
import type { Backend, BackendConnection, Operation, SchemaSnapshot, ConnectOptions } from '@tidemark/core';
import { capabilities } from './capabilities.js';
import { sqliteDialect } from '@tidemark/sql';
import { connectSqlite } from './connect.js';

/**
 * `sqliteBackend` is Tidemark's SQLite backend: `connect('sqlite:dev.db')` opens a file,
 * `connect('sqlite::memory:')` a private in-memory database.
 * @example const conn = await sqliteBackend.connect('sqlite:dev.db');
 */
export const sqliteBackend = {
  dialect: 'sqlite',
  capabilities,
  connect: (url: string, options?: ConnectOptions): Promise<BackendConnection> => connectSqlite(url, options),
  // refuses what the backend cannot build, as the applier does, so a dry run never prints it
  render: (operation: Operation, before: SchemaSnapshot): string[] => {
    checkCapabilities('sqlite', capabilities, [operation], before);
    return sqliteDialect.render(operation, before);
  },
} as const satisfies Backend;
