import { TidemarkError } from '@tidemark/core';
import type { TidemarkConfig } from '../config.js';
import type { EnvironmentConfig } from './config-production.js';

/** `SelectedEnvironment` is the environment a command runs for, with where it was defined. */
export interface SelectedEnvironment extends EnvironmentConfig {
  readonly name: string;
  /** The config file that defines it, for messages. */
  readonly file: string;
}

/**
 * `selectEnvironment` picks the environment `--env` names, else TIDEMARK_ENV, else none. A name
 * the config does not define is TM_CONFIG_INVALID naming the file and the names it does define:
 * a typo must never fall back on the default database.
 */
export function selectEnvironment(config: TidemarkConfig, flag: string | undefined, env: NodeJS.ProcessEnv): SelectedEnvironment | undefined {
  const name = flag ?? (env.TIDEMARK_ENV || undefined);
  if (name === undefined) return undefined;
  const source = flag !== undefined ? `--env ${name}` : `TIDEMARK_ENV=${name}`;
  if (!config.file) {
    throw new TidemarkError('TM_CONFIG_INVALID', {
      message: `${source} names an environment, but there is no tidemark.config.json here or above`,
      hint: 'add "environments": { "production": { … } } to tidemark.config.json, or leave out --env / TIDEMARK_ENV',
      details: { environment: name },
    });
  }
  const defined = config.environments ?? {};
  const found = Object.hasOwn(defined, name) ? defined[name] : undefined;
  if (!found) {
    const names = Object.keys(defined);
    throw new TidemarkError('TM_CONFIG_INVALID', {
      message: `${config.file}: ${source}: no environment ${JSON.stringify(name)} in "environments" (${names.length > 0 ? `defined: ${names.join(', ')}` : 'none is defined'})`,
      hint: names.length > 0 ? `use one of: ${names.map((n) => `--env ${n}`).join(', ')}; or add "${name}" to "environments" in that file` : `add "environments": { "${name}": { "url": "…" } } to that file`,
      details: { file: config.file, environment: name },
    });
  }
  return { ...found, name, file: config.file };
}

/** `selectsEnvironment` tells whether `--env` or TIDEMARK_ENV names an environment (without reading the config). */
export function selectsEnvironment(flag: string | undefined, env: NodeJS.ProcessEnv): boolean {
  return flag !== undefined || Boolean(env.TIDEMARK_ENV);
}
