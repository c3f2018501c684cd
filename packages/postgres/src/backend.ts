import { checkCapabilities } from '@tidemark/core';
import type { Backend, BackendConnection, ConnectOptions, Operation, SchemaSnapshot } from '@tidemark/core';
import { capabilities } from './capabilities.js';
import { postgresDialect } from '@tidemark/sql/postgres';
import { connectPostgres } from './connect.js';

/**
 * `postgresBackend` is Tidemark's PostgreSQL backend, for `postgres://` and `postgresql://` URLs
 * (see url.ts for what they may say).
 * @example const conn = await postgresBackend.connect('postgres://app@localhost:5432/shop?schema=public');
 */
export const postgresBackend = {
  dialect: 'postgres',
  capabilities,
  connect: (url: string, options?: ConnectOptions): Promise<BackendConnection> => connectPostgres(url, options),
  // refuses what the backend cannot build, as the applier does, so a dry run never prints it
  render: (operation: Operation, before: SchemaSnapshot): string[] => {
    checkCapabilities('postgres', capabilities, [operation], before);
    return postgresDialect.render(operation, before);
  },
} as const satisfies Backend;
