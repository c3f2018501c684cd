import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseEnv } from 'node:util';
import { configInvalid } from '@tidemark/core';
import { findConfig } from './config.js';

/**
 * `withDotEnv` adds the variables of the project's `.env` (next to tidemark.config.json, found
 * from `cwd` up; else in `cwd`) to `env`, as Prisma and Drizzle users expect: a variable already
 * in the environment wins over the file. Parsed with Node's own `util.parseEnv`. A `.env` that
 * exists but cannot be read is an error naming it; a missing one is nothing.
 */
export function withDotEnv(cwd: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const config = findConfig(cwd);
  const file = join(config ? dirname(config) : cwd, '.env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return env;
    throw configInvalid(file, `cannot be read (${(err as Error).message})`);
  }
  return { ...parseEnv(text), ...env };
}
