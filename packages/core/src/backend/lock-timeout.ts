/** `DEFAULT_LOCK_TIMEOUT_MS` is how long a run waits for another run's lock by default. */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

/**
 * `lockTimeoutFromEnv` reads TIDEMARK_LOCK_TIMEOUT_MS from the environment every backend is
 * given (`process.env` on Node), falling back on the default for a missing or bad value.
 */
export function lockTimeoutFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.TIDEMARK_LOCK_TIMEOUT_MS;
  const n = Number(raw);
  return raw !== undefined && raw.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : DEFAULT_LOCK_TIMEOUT_MS;
}
