import { TidemarkError } from './tidemark-error.js';

/**
 * `dbLockTimeout` is a statement that gave up waiting for a lock another session holds on a
 * table (PostgreSQL 55P03, MySQL 1205, SQLite SQLITE_BUSY): nothing of that statement ran, so
 * the migrator may retry it (README: Timeouts). Not TM_LOCK_TIMEOUT, which is another Tidemark run.
 */
export function dbLockTimeout(dialect: string, problem: string, details: Record<string, unknown>, cause?: unknown): TidemarkError {
  return new TidemarkError('TM_DB_LOCK_TIMEOUT', {
    message: `${dialect}: ${problem}`,
    hint: 'another session held a lock on the table longer than the lock timeout; find it (PostgreSQL: pg_stat_activity, MySQL: SHOW PROCESSLIST), let it finish, or raise --lock-timeout / --lock-retries, then run again',
    details: { dialect, ...details },
    cause,
  });
}

/** `notConfirmed` is a run on an environment that requires confirmation that did not get it. */
export function notConfirmed(environment: string, why: 'no-terminal' | 'declined', command: string): TidemarkError {
  return new TidemarkError('TM_NOT_CONFIRMED', {
    message: why === 'no-terminal'
      ? `environment ${environment} requires confirmation, and there is no terminal to ask on; nothing was changed`
      : `not confirmed: nothing was changed on environment ${environment}`,
    hint: why === 'no-terminal'
      ? `review the plan (\`tidemark ${command} --env ${environment} --dry-run\`), then pass --yes to confirm (as CI does)`
      : `review the plan with \`tidemark ${command} --env ${environment} --dry-run\` and run again when it is what you want`,
    details: { environment, why },
  });
}

/** `envForbidden` is a command an environment does not allow (`allowDown: false`, a rollback cap). */
export function envForbidden(environment: string, file: string, problem: string, hint: string): TidemarkError {
  return new TidemarkError('TM_ENV_FORBIDDEN', {
    message: `environment ${environment} (${file}) ${problem}; nothing was changed`,
    hint,
    details: { environment, file },
  });
}

/** `hookFailed` is a hook command or function that failed. */
export function hookFailed(hook: string, problem: string, hint: string, details: Record<string, unknown> = {}, cause?: unknown): TidemarkError {
  return new TidemarkError('TM_HOOK_FAILED', { message: `${hook} hook ${problem}`, hint, details: { hook, ...details }, cause });
}
