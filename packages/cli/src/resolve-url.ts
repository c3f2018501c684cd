import { TidemarkError } from '@tidemark/core';

/** `resolveUrl` picks the database URL: `--url` beats `DATABASE_URL`, which beats the config file. */
export function resolveUrl(flag: string | undefined, env: NodeJS.ProcessEnv, configUrl: string | undefined): string {
  const url = flag ?? (env.DATABASE_URL || undefined) ?? configUrl;
  if (!url) {
    throw new TidemarkError('TM_CONFIG_INVALID', {
      message: 'no database URL',
      hint: 'pass --url sqlite:dev.db, set DATABASE_URL, or add "url" to tidemark.config.json',
    });
  }
  return url;
}
