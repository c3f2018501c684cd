import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';

/** `TsconfigOptions` are the compiler options `tidemark init` looks at, after `extends`. */
export interface TsconfigOptions {
  /** The project's tsconfig.json. */
  readonly file: string;
  readonly compilerOptions: Readonly<Record<string, unknown>>;
  /** Files of `extends` that could not be read: their options are unknown. */
  readonly unreadable: readonly string[];
}

/**
 * `readTsconfig` reads `<dir>/tsconfig.json` and the files it `extends` (child options win), or
 * returns `undefined` when there is none. It parses tsconfig's JSON-with-comments itself: the
 * CLI never loads TypeScript outside the commands that read models (docs/architecture.md:
 * Packages and what they may import).
 */
export function readTsconfig(dir: string): TsconfigOptions | undefined {
  const file = resolve(dir, 'tsconfig.json');
  if (!existsSync(file)) return undefined;
  const unreadable: string[] = [];
  const compilerOptions = collect(file, unreadable, new Set());
  return { file, compilerOptions, unreadable };
}

function collect(file: string, unreadable: string[], seen: Set<string>): Record<string, unknown> {
  if (seen.has(file)) return {};
  seen.add(file);
  let config: { extends?: unknown; compilerOptions?: Record<string, unknown> };
  try {
    config = JSON.parse(stripJsonComments(readFileSync(file, 'utf8'))) as typeof config;
  } catch {
    unreadable.push(file);
    return {};
  }
  const parents = typeof config.extends === 'string' ? [config.extends] : Array.isArray(config.extends) ? config.extends : [];
  let options: Record<string, unknown> = {};
  // Later entries of an `extends` array win over earlier ones, as in TypeScript.
  for (const parent of parents) {
    const path = typeof parent === 'string' ? resolveExtends(file, parent) : undefined;
    if (!path) {
      unreadable.push(String(parent));
      continue;
    }
    options = { ...options, ...collect(path, unreadable, seen) };
  }
  return { ...options, ...(config.compilerOptions ?? {}) };
}

/** A relative or absolute path, or a package's file (`@tsconfig/node20/tsconfig.json`), as TypeScript resolves `extends`. */
function resolveExtends(from: string, spec: string): string | undefined {
  const withJson = spec.endsWith('.json') ? [spec] : [spec, `${spec}.json`];
  if (spec.startsWith('.') || isAbsolute(spec)) {
    return withJson.map((s) => resolve(dirname(from), s)).find((p) => existsSync(p));
  }
  const require = createRequire(from);
  for (const s of [...withJson, `${spec}/tsconfig.json`]) {
    try {
      return require.resolve(s);
    } catch {
      // try the next spelling
    }
  }
  return undefined;
}

/** `stripJsonComments` removes `//` and `/* *\/` comments and trailing commas outside strings (tsconfig allows both). */
export function stripJsonComments(text: string): string {
  return dropTrailingCommas(dropComments(text));
}

/** Copies a string literal starting at `i` into `out`; returns the index of its closing quote. */
function copyString(text: string, i: number, out: string[]): number {
  const start = i;
  for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
  out.push(text.slice(start, i + 1));
  return i;
}

function dropComments(text: string): string {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') i = copyString(text, i, out);
    else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out.push('\n');
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out.push(c);
  }
  return out.join('');
}

function dropTrailingCommas(text: string): string {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') i = copyString(text, i, out);
    else if (c !== ',' || !/^\s*[}\]]/.test(text.slice(i + 1))) out.push(c);
  }
  return out.join('');
}
