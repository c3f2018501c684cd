import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { configInvalid } from '@tidemark/core';
import { EXCLUDE_PATTERN } from '@tidemark/migrator';
import { parseProductionConfig, PRODUCTION_KEYS, type ProductionConfig } from './production/config-production.js';

/** `TidemarkConfig` is `tidemark.config.json` (README: Files). */
export interface TidemarkConfig extends ProductionConfig {
  /** Globs of model files, relative to the config's folder. */
  readonly models: readonly string[];
  /** The migrations folder, relative to the config's folder. */
  readonly migrations: string;
  readonly url?: string;
  /**
   * Tables other tools own (names, `*` and `?` as wildcards): `migrate:check --url` and
   * `migrate:baseline` ignore them, `migrate:fresh` never drops them.
   */
  readonly exclude: readonly string[];
  /** The folder the config lives in; every path above is relative to it. */
  readonly root: string;
  /** The config file, for messages; absent when there is none (the defaults). */
  readonly file?: string;
}

/** `CONFIG_FILE` is the default config file name. */
export const CONFIG_FILE = 'tidemark.config.json';

/**
 * `findConfig` looks for `tidemark.config.json` in `cwd` and then in each folder above it, as git
 * looks for `.git`: a command run from `src/` uses the project's config, and every path in it
 * stays relative to the config's folder.
 */
export function findConfig(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * `loadConfig` reads and checks the config file (`path`, or the nearest one from `cwd` up).
 * Without one, the defaults are models under `src/models/**\/*.ts` and migrations in
 * `migrations/`, both relative to `cwd`; a file that exists but is wrong is an error naming
 * what is wrong.
 */
export async function loadConfig(cwd: string, path?: string): Promise<TidemarkConfig> {
  const found = path ? undefined : findConfig(cwd);
  if (!path && !found) return { models: ['src/models/**/*.ts'], migrations: 'migrations', exclude: [], root: cwd };
  const file = path ? (isAbsolute(path) ? path : join(cwd, path)) : found!;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw configInvalid(file, `cannot be read (${(err as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw configInvalid(file, `is not valid JSON (${(err as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw configInvalid(file, 'must be a JSON object');
  const o = data as Record<string, unknown>;
  const known = new Set(['$schema', 'models', 'migrations', 'url', 'exclude', ...PRODUCTION_KEYS]);
  const unknown = Object.keys(o).filter((k) => !known.has(k));
  if (unknown.length > 0) throw configInvalid(file, `unknown key(s) ${unknown.join(', ')}; expected models, migrations, url, exclude, ${PRODUCTION_KEYS.join(', ')}`);
  const models = typeof o.models === 'string' ? [o.models] : o.models;
  if (!Array.isArray(models) || models.length === 0 || !models.every((m) => typeof m === 'string' && m !== '')) {
    throw configInvalid(file, '"models" must be a glob or a list of globs of model files');
  }
  if (o.migrations !== undefined && (typeof o.migrations !== 'string' || o.migrations === '')) throw configInvalid(file, '"migrations" must be a folder path');
  if (o.url !== undefined && (typeof o.url !== 'string' || o.url === '')) throw configInvalid(file, '"url" must be a database URL');
  const exclude = readExclude(file, o.exclude);
  const root = dirname(file);
  return {
    models: models as string[], migrations: (o.migrations as string | undefined) ?? 'migrations', ...(o.url ? { url: o.url as string } : {}), exclude, root, file,
    ...parseProductionConfig(file, o),
  };
}

/** `"exclude"`: a list of table names or patterns (`*`, `?`); each bad entry is named. */
function readExclude(file: string, value: unknown): string[] {
  if (value === undefined) return [];
  const example = 'e.g. "exclude": ["audit_log", "django_*"]';
  if (!Array.isArray(value)) throw configInvalid(file, `"exclude" must be a list of table names or patterns (${example})`);
  value.forEach((entry: unknown, i) => {
    if (typeof entry !== 'string' || !EXCLUDE_PATTERN.test(entry)) {
      throw configInvalid(file, `"exclude"[${i}] (${JSON.stringify(entry)}) is not a table name or pattern: letters, digits, _ $ . - and the wildcards * (any run) and ? (one character); ${example}`);
    }
    if (/^\*+$/.test(entry)) throw configInvalid(file, `"exclude"[${i}] ("${entry}") would exclude every table, the models' too; name the other tools' tables, ${example}`);
  });
  return value as string[];
}
