import { configInvalid } from '@tidemark/core';

/** `HookCommands` are the shell commands of the config's `hooks` (README: Hooks). */
export interface HookCommands {
  readonly beforeRun?: string;
  readonly afterRun?: string;
  readonly beforeMigration?: string;
  readonly afterMigration?: string;
  readonly onFailure?: string;
}

/** `TimeoutSettings` are the timeouts and retries a config (or one environment of it) may set. */
export interface TimeoutSettings {
  readonly lockTimeoutMs?: number;
  readonly statementTimeoutMs?: number;
  readonly lockRetries?: number;
}

/** `EnvironmentConfig` is one entry of the config's `environments` (README: Environments). */
export interface EnvironmentConfig extends TimeoutSettings {
  /** The database of this environment; beats DATABASE_URL, loses to --url. */
  readonly url?: string;
  /** `migrate:up`, `down` and `fresh` show the plan and ask (on a terminal) or need --yes. */
  readonly confirm: boolean;
  readonly allowDown: boolean;
  readonly allowFresh: boolean;
  /** The most migrations one `migrate:down` may roll back. */
  readonly maxRollbackSteps?: number;
}

/** `ProductionConfig` is what the config says about production runs. */
export interface ProductionConfig extends TimeoutSettings {
  readonly environments?: Readonly<Record<string, EnvironmentConfig>>;
  readonly hooks?: HookCommands;
}

/** The config keys this module reads, for the config's unknown-key check. */
export const PRODUCTION_KEYS = ['environments', 'hooks', 'lockTimeoutMs', 'statementTimeoutMs', 'lockRetries'] as const;

const HOOK_NAMES = ['beforeRun', 'afterRun', 'beforeMigration', 'afterMigration', 'onFailure'] as const;
const TIMEOUT_KEYS = ['lockTimeoutMs', 'statementTimeoutMs', 'lockRetries'] as const;
const ENVIRONMENT_KEYS = ['url', 'confirm', 'allowDown', 'allowFresh', 'maxRollbackSteps', ...TIMEOUT_KEYS] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function refuseUnknown(file: string, where: string, o: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(o).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw configInvalid(file, `${where}: unknown key(s) ${unknown.join(', ')}; expected ${known.join(', ')}`);
}

function wholeNumber(file: string, where: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw configInvalid(file, `${where} must be a whole number ≥ ${min}, not ${JSON.stringify(value)}`);
  return value;
}

function flag(file: string, where: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw configInvalid(file, `${where} must be true or false, not ${JSON.stringify(value)}`);
  return value;
}

function timeouts(file: string, where: string, o: Record<string, unknown>): TimeoutSettings {
  const at = (key: string) => (where ? `${where}.${key}` : `"${key}"`);
  const lockTimeoutMs = wholeNumber(file, at('lockTimeoutMs'), o.lockTimeoutMs, 0);
  const statementTimeoutMs = wholeNumber(file, at('statementTimeoutMs'), o.statementTimeoutMs, 0);
  const lockRetries = wholeNumber(file, at('lockRetries'), o.lockRetries, 0);
  return {
    ...(lockTimeoutMs !== undefined ? { lockTimeoutMs } : {}),
    ...(statementTimeoutMs !== undefined ? { statementTimeoutMs } : {}),
    ...(lockRetries !== undefined ? { lockRetries } : {}),
  };
}

function environment(file: string, name: string, value: unknown): EnvironmentConfig {
  const where = `environments.${name}`;
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw configInvalid(file, `environment name ${JSON.stringify(name)} may use only letters, digits, - and _`);
  if (!isObject(value)) throw configInvalid(file, `${where} must be an object such as { "url": "postgres://…", "confirm": true }`);
  refuseUnknown(file, where, value, ENVIRONMENT_KEYS);
  if (value.url !== undefined && (typeof value.url !== 'string' || value.url === '')) throw configInvalid(file, `${where}.url must be a database URL`);
  const maxRollbackSteps = wholeNumber(file, `${where}.maxRollbackSteps`, value.maxRollbackSteps, 0);
  return {
    ...(typeof value.url === 'string' ? { url: value.url } : {}),
    confirm: flag(file, `${where}.confirm`, value.confirm, false),
    allowDown: flag(file, `${where}.allowDown`, value.allowDown, true),
    allowFresh: flag(file, `${where}.allowFresh`, value.allowFresh, true),
    ...(maxRollbackSteps !== undefined ? { maxRollbackSteps } : {}),
    ...timeouts(file, where, value),
  };
}

function hooks(file: string, value: unknown): HookCommands {
  if (!isObject(value)) throw configInvalid(file, '"hooks" must be an object such as { "beforeMigration": "./scripts/check.sh" }');
  refuseUnknown(file, 'hooks', value, HOOK_NAMES);
  for (const [name, command] of Object.entries(value)) {
    if (typeof command !== 'string' || command.trim() === '') throw configInvalid(file, `hooks.${name} must be a shell command`);
  }
  return value as HookCommands;
}

/** `parseProductionConfig` reads and checks the production keys of a parsed config file. */
export function parseProductionConfig(file: string, o: Record<string, unknown>): ProductionConfig {
  let environments: Record<string, EnvironmentConfig> | undefined;
  if (o.environments !== undefined) {
    if (!isObject(o.environments)) throw configInvalid(file, '"environments" must be an object such as { "production": { "url": "postgres://…", "confirm": true } }');
    environments = Object.fromEntries(Object.entries(o.environments).map(([name, v]) => [name, environment(file, name, v)]));
  }
  return {
    ...(environments ? { environments } : {}),
    ...(o.hooks !== undefined ? { hooks: hooks(file, o.hooks) } : {}),
    ...timeouts(file, '', o),
  };
}
