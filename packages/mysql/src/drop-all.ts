import { quoteIdentifier } from '@tidemark/sql/mysql';
import type { MysqlExecutor } from './executor.js';

/**
 * `dropAllMysql` drops every table of the connection's database, the history included, for
 * `migrate:fresh`: one DROP TABLE naming them all, with FOREIGN_KEY_CHECKS off for the session
 * meanwhile so that the order does not matter (and switched back on even when the drop fails).
 */
export async function dropAllMysql(executor: MysqlExecutor, keep: (table: string) => boolean = () => false): Promise<void> {
  const all = await executor.all<{ t_name: string }>(
    "SELECT TABLE_NAME AS t_name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
  );
  // `keep` names tables other tools own (the config's `exclude`); Tidemark's own `_tidemark_*` tables always go.
  const rows = all.filter((r) => String(r.t_name).startsWith('_tidemark_') || !keep(String(r.t_name)));
  if (rows.length === 0) return;
  await executor.run('SET FOREIGN_KEY_CHECKS = 0', { op: 'dropAll' });
  try {
    await executor.run(`DROP TABLE ${rows.map((r) => quoteIdentifier(String(r.t_name))).join(', ')}`, { op: 'dropAll' });
  } finally {
    await executor.run('SET FOREIGN_KEY_CHECKS = 1', { op: 'dropAll' });
  }
}
