// Loader hooks for capabilities.test.ts: make mysql2 look uninstalled.
import { register } from 'node:module';

if (!process.env.TIDEMARK_NO_DRIVER_HOOKS) {
  process.env.TIDEMARK_NO_DRIVER_HOOKS = '1';
  register(import.meta.url);
}

export async function resolve(specifier, context, next) {
  if (specifier === 'mysql2' || specifier.startsWith('mysql2/')) {
    const err = new Error(`Cannot find package '${specifier}'`);
    err.code = 'ERR_MODULE_NOT_FOUND';
    throw err;
  }
  return next(specifier, context);
}
