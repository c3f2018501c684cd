/**
 * `ERROR_CODES` maps every Tidemark error code to its exit class (README: CLI):
 * 1 = a database or migration failed, 2 = bad input, 3 = refused for safety, 130 = cancelled by
 * the user (Ctrl-C, as a shell reports a process stopped by SIGINT).
 */
export const ERROR_CODES = {
  TM_CONFIG_INVALID: 2,
  TM_URL_INVALID: 2,
  TM_MODEL_INVALID: 2,
  TM_SNAPSHOT_INVALID: 2,
  TM_MIGRATION_INVALID: 2,
  TM_RENAME_AMBIGUOUS: 2,
  TM_UNSUPPORTED_OPERATION: 2,
  TM_BACKEND_MISSING: 2,
  TM_GENERATOR_MISSING: 2,
  TM_USAGE: 2,
  TM_DESTRUCTIVE_REFUSED: 3,
  TM_CHECKSUM_CHANGED: 3,
  TM_DRIFT: 3,
  TM_SNAPSHOT_DRIFT: 3,
  TM_NOT_GENERATED: 3,
  TM_MIGRATION_FORK: 3,
  TM_FILE_MISSING: 3,
  TM_FRESH_REMOTE: 3,
  TM_FILE_EXISTS: 3,
  TM_SQUASH_PARTIAL: 3,
  TM_ALREADY_APPLIED: 3,
  // production runs (README: Environments, Hooks, Timeouts)
  TM_NOT_CONFIRMED: 3,
  TM_ENV_FORBIDDEN: 3,
  TM_DB_LOCK_TIMEOUT: 1,
  TM_HOOK_FAILED: 1,
  TM_BACKEND_ERROR: 1,
  TM_PRECHECK_FAILED: 1,
  TM_LOCK_TIMEOUT: 1,
  TM_IO: 1,
  TM_MIGRATION_FAILED: 1,
  TM_MIGRATION_INTERRUPTED: 1,
  TM_VERIFY_FAILED: 1,
  TM_INTERNAL: 1,
  TM_CANCELLED: 130,
} as const satisfies Record<string, 1 | 2 | 3 | 130>;

/** `ErrorCode` is one of Tidemark's stable error codes. */
export type ErrorCode = keyof typeof ERROR_CODES;
