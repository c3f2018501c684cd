/**
 * `SQL_MODE` is the session's sql_mode, set exactly (not added to the server's) so every run
 * behaves the same whatever the server is configured with:
 * - STRICT_ALL_TABLES: a value that does not fit is an error, never silently truncated or zeroed
 *   (MariaDB and older MySQL servers may default to non-strict);
 * - NO_ZERO_DATE, NO_ZERO_IN_DATE: no '0000-00-00' dates;
 * - ERROR_FOR_DIVISION_BY_ZERO, NO_ENGINE_SUBSTITUTION: errors rather than NULLs and MyISAM tables.
 * It leaves out ANSI_QUOTES and NO_BACKSLASH_ESCAPES, which would change how the statements
 * Tidemark writes are read. All five modes exist on MySQL 8 and MariaDB 10.
 */
export const SQL_MODE = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';

/**
 * `SESSION_SETUP` runs once per connection: the strict sql_mode, UTC (CURRENT_TIMESTAMP
 * defaults and DATETIME text are UTC, as the history's ISO times are), utf8mb4 with a binary
 * collation (string comparisons in prechecks are exact, as in the tables), and foreign keys on.
 */
export const SESSION_SETUP = [
  `SET SESSION sql_mode = '${SQL_MODE}'`,
  "SET SESSION time_zone = '+00:00'",
  'SET NAMES utf8mb4 COLLATE utf8mb4_bin',
  'SET SESSION foreign_key_checks = 1',
] as const;
