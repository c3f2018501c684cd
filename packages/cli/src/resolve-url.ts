import { TidemarkError } from '@tidemark/core';

/**
 * `resolveUrl` picks the database URL: `--url` beats the selected environment's `url`, which beats
 * `DATABASE_URL`, which beats the config file's `url` (README: Environments says why an
 * environment's own URL wins over DATABASE_URL).
 */
export function resolveUrl(flag: string | undefined, env: NodeJS.ProcessEnv, configUrl: string | undefined, environmentUrl?: string): string {
  const url = flag ?? environmentUrl ?? (env.DATABASE_URL || undefined) ?? configUrl;
  if (!url) {
    throw new TidemarkError('TM_CONFIG_INVALID', {
      message: 'no database URL',
      hint: 'pass --url sqlite:dev.db, set DATABASE_URL, or add "url" to tidemark.config.json',
    });
  }
  return url;
}
