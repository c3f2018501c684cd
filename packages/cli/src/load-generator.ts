import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TidemarkError } from '@tidemark/core';

type GeneratorModule = typeof import('@tidemark/generator');

const notFound = (err: unknown): boolean => {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
};

/**
 * The project's own `@tidemark/generator`. It is a development dependency of the project, not a
 * dependency or peer of the CLI: npm marks an optional peer that is also a devDependency
 * `devOptional` and keeps it (with TypeScript and ts-morph) in `npm install --omit=dev`, so the
 * CLI finds it where the project installed it, which also holds under pnpm's strict layout.
 */
function resolveFromProject(projectRoot: string): string | undefined {
  try {
    return createRequire(join(projectRoot, 'package.json')).resolve('@tidemark/generator');
  } catch (err) {
    if (notFound(err)) return undefined;
    throw err;
  }
}

/**
 * `loadGenerator` imports `@tidemark/generator` (and with it ts-morph and TypeScript) only for
 * the commands that read models, so `migrate:up` and `migrate:status` start fast and a
 * production install can leave TypeScript out. It looks in the project first, then next to the
 * CLI (a global install, or this repository's workspace).
 */
export async function loadGenerator(projectRoot?: string): Promise<GeneratorModule> {
  try {
    const found = projectRoot === undefined ? undefined : resolveFromProject(projectRoot);
    if (found) return (await import(pathToFileURL(found).href)) as GeneratorModule;
    return await import('@tidemark/generator');
  } catch (err) {
    if (notFound(err)) {
      throw new TidemarkError('TM_GENERATOR_MISSING', {
        message: 'reading models needs @tidemark/generator, which is not installed',
        hint: 'npm install --save-dev @tidemark/generator',
        cause: err,
      });
    }
    throw err;
  }
}
