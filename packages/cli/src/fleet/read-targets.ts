import { exec } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ioError, redactUrl, TidemarkError } from '@tidemark/core';
import { schemeOf } from '../load-backend.js';
import { resolveRelativeSqlite } from '../relative-sqlite.js';

/** `FleetTarget` is one database (or one schema of one) a fleet run migrates. */
export interface FleetTarget {
  readonly url: string;
  /** The URL without its password: what every line and the JSON report call the target. */
  readonly label: string;
  /** Where the target was listed (`targets.txt:12`, `command output:3`), for messages. */
  readonly source: string;
}

/** A prefix that makes `--targets` a shell command whose output lists the targets. */
const COMMAND_PREFIX = 'cmd:';

/**
 * `readTargets` reads a `--targets` value (README: Fleets): a file, `-` for standard input, or
 * `cmd:<shell command>` whose standard output is read. Either way the text is one URL per line
 * (`#` comments and blank lines are skipped) or JSON: an array whose items are URLs or
 * `{ "url", "schemas" }` — one URL and the PostgreSQL schemas (or MySQL databases) under it.
 * A line that is not a URL, a schema list on a backend without schemas, a duplicate or an empty
 * list is TM_CONFIG_INVALID naming the file and line; nothing runs.
 */
export async function readTargets(spec: string, cwd: string, stdin: () => Promise<string> = readStdin): Promise<FleetTarget[]> {
  const { text, origin, base } = await readSpec(spec, cwd, stdin);
  const targets = (/^\s*[[{]/.test(text) ? fromJson(text, origin) : fromLines(text, origin))
    // a relative sqlite: path is relative to the list's folder (the working folder for stdin or a command)
    .map((t) => ({ ...t, url: resolveRelativeSqlite(t.url, base) }));
  if (targets.length === 0) throw targetsInvalid(origin, 'lists no targets; give one database URL per line');
  const seen = new Map<string, FleetTarget>();
  for (const t of targets) {
    const first = seen.get(t.url);
    if (first) throw targetsInvalid(t.source, `lists ${t.label} again (first at ${first.source}); each database is migrated once per run`);
    seen.set(t.url, t);
  }
  return targets;
}

async function readSpec(spec: string, cwd: string, stdin: () => Promise<string>): Promise<{ text: string; origin: string; base: string }> {
  if (spec === '-') return { text: await stdin(), origin: 'standard input', base: cwd };
  if (spec.startsWith(COMMAND_PREFIX)) {
    const command = spec.slice(COMMAND_PREFIX.length).trim();
    try {
      const { stdout } = await promisify(exec)(command, { cwd, maxBuffer: 64 * 1024 * 1024 });
      return { text: stdout, origin: `output of \`${command}\``, base: cwd };
    } catch (err) {
      const e = err as { code?: number; stderr?: string; message: string };
      throw new TidemarkError('TM_CONFIG_INVALID', {
        message: `the targets command \`${command}\` failed (exit ${e.code ?? '?'}): ${(e.stderr ?? e.message).trim()}`,
        hint: 'run the command yourself until it prints one database URL per line, then run again',
        details: { command },
      });
    }
  }
  const path = resolve(cwd, spec);
  try {
    return { text: await readFile(path, 'utf8'), origin: spec, base: dirname(path) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw targetsInvalid(spec, 'does not exist; --targets takes a file of database URLs, `-` for standard input, or `cmd:<command>`');
    }
    throw ioError('read', path, err);
  }
}

function fromLines(text: string, origin: string): FleetTarget[] {
  const targets: FleetTarget[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const source = `${origin}:${i + 1}`;
    targets.push(target(line, source));
  });
  return targets;
}

function fromJson(text: string, origin: string): FleetTarget[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw targetsInvalid(origin, `is not valid JSON: ${(err as Error).message}`);
  }
  const items = Array.isArray(data) ? data : [data];
  return items.flatMap((item, i) => {
    const source = `${origin} item ${i + 1}`;
    if (typeof item === 'string') return [target(item, source)];
    if (typeof item !== 'object' || item === null || typeof (item as { url?: unknown }).url !== 'string') {
      throw targetsInvalid(source, 'must be a URL string or { "url": "...", "schemas": ["..."] }');
    }
    const { url, schemas } = item as { url: string; schemas?: unknown };
    if (schemas === undefined) return [target(url, source)];
    if (!Array.isArray(schemas) || schemas.some((s) => typeof s !== 'string' || s === '')) {
      throw targetsInvalid(source, '"schemas" must be an array of non-empty names');
    }
    return (schemas as string[]).map((schema) => target(withSchema(url, schema, source), source));
  });
}

function target(url: string, source: string): FleetTarget {
  try {
    schemeOf(url);
  } catch {
    throw targetsInvalid(source, `is not a database URL: ${redactUrl(url)}`);
  }
  return { url, label: redactUrl(url), source };
}

/**
 * `withSchema` points a URL at one tenant: PostgreSQL's `schema=` (each schema keeps its own
 * `_tidemark_migrations` and lock) or a MySQL database (the URL's path).
 */
function withSchema(url: string, schema: string, source: string): string {
  const scheme = schemeOf(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw targetsInvalid(source, `is not a database URL: ${redactUrl(url)}`);
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    parsed.searchParams.set('schema', schema);
    return parsed.toString();
  }
  if (scheme === 'mysql' || scheme === 'mariadb') {
    parsed.pathname = `/${encodeURIComponent(schema)}`;
    return parsed.toString();
  }
  throw targetsInvalid(source, `"schemas" applies to PostgreSQL (one schema each) and MySQL (one database each), not ${scheme}:; list each ${scheme}: URL instead`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `targetsInvalid` reports a targets list Tidemark cannot use (bad input: exit 2, nothing runs). */
function targetsInvalid(source: string, problem: string): TidemarkError {
  return new TidemarkError('TM_CONFIG_INVALID', {
    message: `targets ${source}: ${problem}`,
    hint: 'list one database URL per line (# starts a comment), or JSON: ["postgres://…", { "url": "postgres://…/app", "schemas": ["tenant_a"] }]',
    details: { source },
  });
}
