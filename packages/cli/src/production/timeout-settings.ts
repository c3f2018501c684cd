import { DEFAULT_DB_LOCK_TIMEOUT_MS, DEFAULT_LOCK_RETRIES, usageError, type SessionTimeouts } from '@tidemark/core';
import type { TidemarkConfig } from '../config.js';
import type { TimeoutSettings } from './config-production.js';
import type { SelectedEnvironment } from './select-environment.js';

/** `TimeoutFlags` are the command-line flags of README: Timeouts, as typed. */
export interface TimeoutFlags {
  readonly lockTimeout?: string;
  readonly statementTimeout?: string;
  readonly lockRetries?: number;
}

/** `ResolvedTimeouts` are the session timeouts a run uses and how often it retries a lock timeout. */
export interface ResolvedTimeouts {
  readonly session: SessionTimeouts;
  readonly lockRetries: number;
}

/** The environment variables of README: Timeouts (TIDEMARK_LOCK_TIMEOUT_MS is the wait for another run). */
export const TIMEOUT_VARIABLES = {
  lockTimeoutMs: 'TIDEMARK_DB_LOCK_TIMEOUT',
  statementTimeoutMs: 'TIDEMARK_STATEMENT_TIMEOUT',
  lockRetries: 'TIDEMARK_LOCK_RETRIES',
} as const;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** `parseDuration` reads `5000`, `5000ms`, `5s` or `2m` as milliseconds; anything else is TM_USAGE naming `where`. */
export function parseDuration(text: string, where: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(text);
  if (!m) throw usageError(`${where} ${JSON.stringify(text)} is not a duration`, `give milliseconds or a unit: ${where.startsWith('--') ? `${where} 5000, ${where} 5s` : `${where}=5s`} (0 = no limit)`);
  return Math.round(Number(m[1]) * UNITS[m[2] ?? 'ms']!);
}

function parseCount(text: string, where: string): number {
  if (!/^\s*\d+\s*$/.test(text)) throw usageError(`${where} ${JSON.stringify(text)} is not a whole number`, `e.g. ${where.startsWith('--') ? `${where} 3` : `${where}=3`} (0 = never retry)`);
  return Number(text);
}

/**
 * `resolveTimeouts`: each setting comes from the flag, else its environment variable, else the
 * selected environment, else the config's top level, else the default: a lock wait of
 * DEFAULT_DB_LOCK_TIMEOUT_MS retried DEFAULT_LOCK_RETRIES times (so no run waits on a lock for
 * ever), and no statement timeout (a big data migration may rightly run long; set one for production).
 */
export function resolveTimeouts(flags: TimeoutFlags, env: NodeJS.ProcessEnv, config: TidemarkConfig, environment: SelectedEnvironment | undefined): ResolvedTimeouts {
  if (flags.lockRetries !== undefined && (!Number.isInteger(flags.lockRetries) || flags.lockRetries < 0)) {
    throw usageError(`--lock-retries ${flags.lockRetries} is not a whole number`, 'e.g. --lock-retries 3 (0 = never retry)');
  }
  const variable = (key: keyof TimeoutSettings): string | undefined => env[TIMEOUT_VARIABLES[key]] || undefined;
  const layered = (key: keyof TimeoutSettings): number | undefined => environment?.[key] ?? config[key];
  const fromVariable = (key: 'lockTimeoutMs' | 'statementTimeoutMs'): number | undefined => {
    const text = variable(key);
    return text === undefined ? undefined : parseDuration(text, TIMEOUT_VARIABLES[key]);
  };
  const lockTimeoutMs = (flags.lockTimeout !== undefined ? parseDuration(flags.lockTimeout, '--lock-timeout') : undefined)
    ?? fromVariable('lockTimeoutMs') ?? layered('lockTimeoutMs') ?? DEFAULT_DB_LOCK_TIMEOUT_MS;
  const statementTimeoutMs = (flags.statementTimeout !== undefined ? parseDuration(flags.statementTimeout, '--statement-timeout') : undefined)
    ?? fromVariable('statementTimeoutMs') ?? layered('statementTimeoutMs');
  const retriesText = variable('lockRetries');
  const lockRetries = flags.lockRetries ?? (retriesText !== undefined ? parseCount(retriesText, TIMEOUT_VARIABLES.lockRetries) : undefined)
    ?? layered('lockRetries') ?? DEFAULT_LOCK_RETRIES;
  return { session: { lockTimeoutMs, ...(statementTimeoutMs !== undefined ? { statementTimeoutMs } : {}) }, lockRetries };
}
