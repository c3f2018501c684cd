import type { SessionTimeouts } from '@tidemark/core';
import type { ServerInfo } from './server.js';

/** MySQL's and MariaDB's largest lock_wait_timeout (one year): what "0 = wait for ever" becomes. */
const FOREVER_SECONDS = 31_536_000;

/**
 * `timeoutStatements` maps the session timeouts onto the server's own, for this session only:
 * - the lock wait: `lock_wait_timeout` (metadata locks, which every ALTER TABLE takes) and
 *   `innodb_lock_wait_timeout` (row locks of data statements), both in whole seconds, rounded up;
 * - the statement timeout: MariaDB's `max_statement_time` (seconds; every statement, DDL
 *   included) or MySQL's `max_execution_time` (milliseconds; read-only SELECTs only: MySQL has
 *   nothing that bounds a running ALTER TABLE).
 */
export function timeoutStatements(timeouts: SessionTimeouts, server: ServerInfo): string[] {
  const statements: string[] = [];
  if (timeouts.lockTimeoutMs !== undefined) {
    const seconds = timeouts.lockTimeoutMs === 0 ? FOREVER_SECONDS : Math.max(1, Math.ceil(timeouts.lockTimeoutMs / 1000));
    statements.push(`SET SESSION lock_wait_timeout = ${seconds}`, `SET SESSION innodb_lock_wait_timeout = ${seconds}`);
  }
  if (timeouts.statementTimeoutMs !== undefined) {
    const ms = Math.round(timeouts.statementTimeoutMs);
    statements.push(server.flavor === 'mariadb' ? `SET SESSION max_statement_time = ${ms / 1000}` : `SET SESSION max_execution_time = ${ms}`);
  }
  return statements;
}
