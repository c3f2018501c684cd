// Loader hooks for errors.test.ts: make better-sqlite3 look uninstalled.
import { register } from 'node:module';

if (!process.env.TIDEMARK_NO_DRIVER_HOOKS) {
  process.env.TIDEMARK_NO_DRIVER_HOOKS = '1';
  register(import.meta.url);
}

export async function resolve(specifier, context, next) {
  if (specifier === 'better-sqlite3') {
    const err = new Error(`Cannot find package 'better-sqlite3'`);
    err.code = 'ERR_MODULE_NOT_FOUND';
    throw err;
  }
  return next(specifier, context);
}
