import { TidemarkError } from '@tidemark/core';

type GeneratorModule = typeof import('@tidemark/generator');

/**
 * `loadGenerator` imports `@tidemark/generator` (and with it ts-morph and TypeScript) only for
 * the commands that read models, so `migrate:up` and `migrate:status` start fast and a
 * production install can leave TypeScript out.
 */
export async function loadGenerator(): Promise<GeneratorModule> {
  try {
    return await import('@tidemark/generator');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new TidemarkError('TM_GENERATOR_MISSING', {
        message: 'reading models needs @tidemark/generator, which is not installed',
        hint: 'npm install --save-dev @tidemark/generator',
        cause: err,
      });
    }
    throw err;
  }
}
