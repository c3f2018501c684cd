import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { TidemarkError, usageError } from '@tidemark/core';
import { backendPackages } from '../load-backend.js';
import { exampleModel } from './example-model.js';
import { isInstalled } from './installed.js';
import { readTsconfig } from './read-tsconfig.js';
import { tsconfigAdvice, type TsconfigAdvice } from './tsconfig-advice.js';

/** `InitOptions` say where `tidemark init` writes and what the config names. */
export interface InitOptions {
  /** The config file to write; the project folder is its folder. */
  readonly configFile: string;
  readonly url: string;
  /** The models folder, relative to the project folder. */
  readonly models: string;
}

/** `InitResult` is what `tidemark init` did and what the user does next. */
export interface InitResult {
  readonly config: string;
  readonly url: string;
  readonly models: string;
  readonly migrations: string;
  /** Files and folders written, relative to the project folder. */
  readonly created: readonly string[];
  /** The example model, or `null` when the models folder already held models. */
  readonly example: string | null;
  /** Packages not found in node_modules: the models need `dependencies`, the commands `devDependencies`. */
  readonly missing: { readonly dependencies: readonly string[]; readonly devDependencies: readonly string[] };
  readonly tsconfig: TsconfigAdvice;
}

const MIGRATIONS = 'migrations';

/**
 * `initProject` writes `tidemark.config.json`, the models folder with an example model (unless it
 * already holds `.ts` files) and the migrations folder, and reads the tsconfig without changing
 * it. An existing config is never overwritten (TM_USAGE, exit 2, naming it): the config is
 * created with an exclusive open before anything else is written.
 */
export async function initProject(options: InitOptions): Promise<InitResult> {
  const root = dirname(options.configFile);
  const { pkg, driver } = backendPackages(options.url);
  const models = normalize(options.models).split(sep).join('/').replace(/\/+$/, '');
  if (isAbsolute(models) || models === '..' || models.startsWith('../')) {
    throw usageError(`--models ${options.models} is outside the project folder ${root}`, 'name a folder inside the project, e.g. --models src/models');
  }
  const glob = `${models}/**/*.ts`;
  const config = { models: [glob], migrations: MIGRATIONS, url: options.url };
  try {
    await writeFile(options.configFile, `${JSON.stringify(config, null, 2)}\n`, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    throw new TidemarkError('TM_USAGE', {
      message: `${options.configFile} already exists; tidemark init never overwrites a config`,
      hint: 'edit that file, or delete it and run `tidemark init` again',
      details: { file: options.configFile },
    });
  }
  const created = [relative(root, options.configFile)];
  const example = await writeExample(root, models, pkg);
  if (example) created.push(example);
  if (!existsSync(join(root, MIGRATIONS))) {
    await mkdir(join(root, MIGRATIONS), { recursive: true });
    created.push(`${MIGRATIONS}/`);
  }
  const missing = (list: string[]) => list.filter((p) => !isInstalled(root, p));
  return {
    config: options.configFile,
    url: options.url,
    models: glob,
    migrations: MIGRATIONS,
    created,
    example,
    // The models import the decorators at run time; the commands are development tools.
    missing: { dependencies: missing(['@tidemark/decorators']), devDependencies: missing(['@tidemark/cli', '@tidemark/generator', pkg, driver]) },
    tsconfig: tsconfigAdvice(root, readTsconfig(root)),
  };
}

/** Writes `<models>/user.ts` unless the folder already holds TypeScript files; returns its path. */
async function writeExample(root: string, models: string, pkg: string): Promise<string | null> {
  const dir = join(root, models);
  const existing = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  if (existing.some((f) => f.endsWith('.ts'))) return null;
  await mkdir(dir, { recursive: true });
  // README: Backends — MongoDB and DynamoDB have no sequences; DynamoDB enforces no unique index.
  const backend = { sequences: pkg !== '@tidemark/mongodb' && pkg !== '@tidemark/dynamodb', enforcesUnique: pkg !== '@tidemark/dynamodb' };
  await writeFile(join(dir, 'user.ts'), exampleModel(backend), { flag: 'wx' });
  return `${models}/user.ts`;
}
