// Loader hooks for connect.test.ts: make pg look uninstalled.
import { register } from 'node:module';

if (!process.env.TIDEMARK_NO_DRIVER_HOOKS) {
  process.env.TIDEMARK_NO_DRIVER_HOOKS = '1';
  register(import.meta.url);
}

export async function resolve(specifier, context, next) {
  if (specifier === 'pg') {
    const err = new Error(`Cannot find package 'pg'`);
    err.code = 'ERR_MODULE_NOT_FOUND';
    throw err;
  }
  return next(specifier, context);
}
