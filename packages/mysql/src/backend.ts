import { checkCapabilities } from '@tidemark/core';
import type { Backend, BackendConnection, ConnectOptions, Operation, SchemaSnapshot } from '@tidemark/core';
import { capabilities } from './capabilities.js';
import { mysqlDialect } from '@tidemark/sql/mysql';
import { connectMysql } from './connect.js';

/**
 * `mysqlBackend` is Tidemark's MySQL backend (MySQL 8.0.13+ and MariaDB 10.5+, on mysql2):
 * `connect('mysql://user:password@host:3306/database')`.
 * @example const conn = await mysqlBackend.connect('mysql://root@127.0.0.1:3306/app');
 */
export const mysqlBackend = {
  dialect: 'mysql',
  capabilities,
  connect: (url: string, options?: ConnectOptions): Promise<BackendConnection> => connectMysql(url, options),
  // refuses what the backend cannot build, as the applier does, so a dry run never prints it
  render: (operation: Operation, before: SchemaSnapshot): string[] => {
    checkCapabilities('mysql', capabilities, [operation], before);
    return mysqlDialect.render(operation, before);
  },
} as const satisfies Backend;
