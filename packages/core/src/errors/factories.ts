import { redactUrl } from './redact-url.js';
import { TidemarkError } from './tidemark-error.js';

/** Where in a model file something went wrong. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  /** The 1-based column, where the error is about one expression. */
  readonly column?: number;
  readonly model?: string;
  readonly property?: string;
}

function at(loc: SourceLocation): string {
  const where = loc.line === undefined ? loc.file : `${loc.file}:${loc.line}${loc.column === undefined ? '' : `:${loc.column}`}`;
  const what = [loc.model, loc.property].filter(Boolean).join('.');
  return what ? `${where} (${what})` : where;
}

/** `modelInvalid` reports a model Tidemark cannot understand, naming file, line and property. */
export function modelInvalid(loc: SourceLocation, problem: string, hint: string): TidemarkError {
  return new TidemarkError('TM_MODEL_INVALID', { message: `${at(loc)}: ${problem}`, hint, details: { ...loc } });
}

/** `snapshotInvalid` reports a snapshot file that cannot be read. */
export function snapshotInvalid(file: string, problem: string, hint?: string): TidemarkError {
  return new TidemarkError('TM_SNAPSHOT_INVALID', {
    message: `${file}: ${problem}`,
    hint: hint ?? `restore ${file} from version control; Tidemark never resets it on its own`,
    details: { file },
  });
}

/** `configInvalid` reports a bad tidemark.config.json. */
export function configInvalid(file: string, problem: string): TidemarkError {
  return new TidemarkError('TM_CONFIG_INVALID', {
    message: `${file}: ${problem}`,
    hint: 'fix the config file: { "models": ["src/models/**/*.ts"], "migrations": "migrations", "url": "sqlite:dev.db" }',
    details: { file },
  });
}

/** `urlInvalid` reports a database URL Tidemark cannot use. */
export function urlInvalid(url: string, problem: string): TidemarkError {
  url = redactUrl(url); // whoever throws it, the error never carries the password
  return new TidemarkError('TM_URL_INVALID', {
    message: `${url}: ${problem}`,
    hint: 'use sqlite:path/to.db, sqlite::memory:, postgres://…, mysql://…, mongodb://host:port/db or dynamodb://host:port',
    details: { url },
  });
}

/** `usageError` reports bad command-line input. */
export function usageError(problem: string, hint: string): TidemarkError {
  return new TidemarkError('TM_USAGE', { message: problem, hint });
}

/** `unsupportedOperation` reports an operation a backend cannot express. */
export function unsupportedOperation(dialect: string, what: string, hint: string, about?: { readonly table: string; readonly index?: string; readonly check?: string }): TidemarkError {
  return new TidemarkError('TM_UNSUPPORTED_OPERATION', {
    message: `${dialect} cannot ${what}`,
    hint,
    // `about` lets the generator name the model's file and line (generate.ts)
    details: { dialect, ...about },
  });
}

/** `AmbiguousRenames` is one scope of removed and added names no hint settles (see `UnsettledRenames`). */
export interface AmbiguousRenames {
  readonly kind: 'table' | 'column';
  readonly table?: string;
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

/**
 * `renameAmbiguous` reports every removed+added pair no hint settles, all at once, with the flags
 * that settle them: a ready-to-paste `--rename` line where a scope has one removed and one added
 * name, the choices where it has more (Tidemark never picks one), and the `--no-rename` alternative.
 * `given` are the `--rename` flags of this run, repeated in the line so it can be pasted whole.
 */
export function renameAmbiguous(scopes: readonly AmbiguousRenames[], given: readonly string[] = []): TidemarkError {
  const lines: string[] = [];
  const exact: string[] = [];
  const choices: string[] = [];
  for (const s of scopes) {
    const q = (n: string) => (s.table ? `${s.table}.${n}` : n);
    const flag = (from: string, to: string) => `--rename ${q(from)}=${to}`;
    lines.push(`  ${s.kind === 'table' ? 'tables' : `columns of ${s.table}`}: removed ${s.removed.join(', ')}; added ${s.added.join(', ')}`);
    if (s.removed.length === 1 && s.added.length === 1) exact.push(flag(s.removed[0]!, s.added[0]!));
    else for (const from of s.removed) choices.push(`  ${q(from)} became one of: ${s.added.map((to) => flag(from, to)).join(' | ')} (or none)`);
  }
  const hint = [
    ...(exact.length > 0 ? [`to rename (keeps the data), run again with: ${[...given, ...exact].join(' ')}`] : []),
    ...(choices.length > 0 ? [`${exact.length > 0 ? 'and add' : `to rename (keeps the data), run again with${given.length ? ` ${given.join(' ')} and` : ''}`} the flag of each rename among:`, ...choices] : []),
    `to drop the removed and add the new ones instead (loses their data): ${[...given, '--no-rename'].join(' ')}`,
    '--rename and --no-rename combine: the renames you name are made, every other pair is dropped and added',
    'or set renamedFrom in the model (@Column({ renamedFrom }) / @Model({ renamedFrom }))',
  ].join('\n');
  return new TidemarkError('TM_RENAME_AMBIGUOUS', {
    message: `names were removed and others added; each pair may be a rename (the data is kept only if it is):\n${lines.join('\n')}`,
    hint,
    details: { unsettled: scopes, flags: [...given, ...exact] },
  });
}

/** `checksumChanged` reports an applied migration whose file was edited afterwards. */
export function checksumChanged(id: string, recorded: string, actual: string, file?: string): TidemarkError {
  return new TidemarkError('TM_CHECKSUM_CHANGED', {
    message: `${file ?? id} was edited after it was applied (recorded sha256 ${recorded.slice(0, 12)}…, file ${actual.slice(0, 12)}…)`,
    hint: `restore the file from version control, or run \`tidemark migrate:repair ${id}\` to accept the edit`,
    details: { id, recorded, actual, file },
  });
}

/** `destructiveRefused` reports destructive steps that need `--allow-destructive`. */
export function destructiveRefused(id: string, warnings: readonly { code: string; message: string }[]): TidemarkError {
  const list = warnings.map((w) => `${w.code} ${w.message}`).join('; ');
  return new TidemarkError('TM_DESTRUCTIVE_REFUSED', {
    message: `${id} has destructive steps: ${list}`,
    hint: 'review the migration, then run again with --allow-destructive; nothing was applied',
    details: { id, warnings },
  });
}

/**
 * `GENERIC_BACKEND_HINT` is the hint of a database error no backend recognised; the migrator
 * replaces it with one naming the migration step the database refused.
 */
export const GENERIC_BACKEND_HINT = 'read the database message above; fix the migration or the database, then run again';

/** `backendError` wraps a native database error at a backend's boundary. */
export function backendError(dialect: string, problem: string, details: Record<string, unknown>, cause?: unknown): TidemarkError {
  return new TidemarkError('TM_BACKEND_ERROR', {
    message: `${dialect}: ${problem}`,
    hint: GENERIC_BACKEND_HINT,
    details: { dialect, ...details },
    cause,
  });
}

/** `precheckFailed` reports data that would not survive a change, with counts and sample rows. */
export function precheckFailed(check: string, target: string, count: number, samples: readonly unknown[], hint: string): TidemarkError {
  return new TidemarkError('TM_PRECHECK_FAILED', {
    message: `${check} on ${target}: ${count} row(s) would not survive; e.g. ${JSON.stringify(samples)}`,
    hint,
    details: { check, target, count, samples },
  });
}

/** `migrationFailed` reports a migration that failed while being applied or rolled back. */
export function migrationFailed(id: string, step: number, cause: unknown, applied: readonly string[], transactional: boolean): TidemarkError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new TidemarkError('TM_MIGRATION_FAILED', {
    message: `${id} failed at step ${step}: ${reason}`,
    hint: transactional
      ? 'nothing of this migration was kept (it ran in a transaction); fix it and run again'
      : `steps before ${step} were applied and stay; run \`tidemark migrate:status\` to see the state, fix the database or the migration, then run again`,
    details: { id, step, applied, transactional, cause: cause instanceof Error && 'code' in cause ? (cause as { code: unknown }).code : undefined },
    cause,
  });
}

/** `lockTimeout` reports a migration lock that could not be taken. */
export function lockTimeout(target: string, waitedMs: number): TidemarkError {
  return new TidemarkError('TM_LOCK_TIMEOUT', {
    message: `could not take the migration lock on ${target} within ${waitedMs} ms`,
    hint: 'another tidemark run holds it; wait for it to finish, then run again',
    details: { target, waitedMs },
  });
}

/** `migrationFork` reports two migrations that start from the same snapshot. */
export function migrationFork(first: string, second: string, from: string): TidemarkError {
  return new TidemarkError('TM_MIGRATION_FORK', {
    message: `${second} and ${first} both start from snapshot ${from.slice(0, 19)}… (two branches merged)`,
    hint: `keep the one that is already shared (merged from the other branch); where the other one is applied, roll it back first (\`tidemark migrate:down\` works despite the fork), then delete its file, take .schema.json from the kept branch, and run \`tidemark migrate:generate\` again on top of it`,
    details: { first, second, from },
  });
}

/** `snapshotDrift` reports a .schema.json that the migration files do not produce. */
export function snapshotDrift(file: string, expected: string, actual: string): TidemarkError {
  return new TidemarkError('TM_SNAPSHOT_DRIFT', {
    message: `${file} (${actual.slice(0, 19)}…) is not what the migration files produce (${expected.slice(0, 19)}…)`,
    hint: 'restore .schema.json and the migrations from version control so they agree, or rebuild .schema.json from the migration files with `tidemark migrate:snapshot --rebuild`; then generate again',
    details: { file, expected, actual },
  });
}

/** `fileMissing` reports an applied migration whose file is gone. */
export function fileMissing(id: string): TidemarkError {
  return new TidemarkError('TM_FILE_MISSING', {
    message: `${id} is recorded as applied but its file is missing`,
    hint: 'restore the file from version control',
    details: { id },
  });
}

/** `backendMissing` reports a backend package that is not installed. */
export function backendMissing(scheme: string, pkg: string, cause?: unknown): TidemarkError {
  return new TidemarkError('TM_BACKEND_MISSING', {
    message: `the ${scheme} backend (${pkg}) is not installed`,
    hint: `npm install ${pkg}`,
    details: { scheme, pkg },
    cause,
  });
}

const IO_HINTS: Readonly<Record<string, string>> = {
  EACCES: 'give your user write access to it (or run from a checkout you own)',
  EPERM: 'give your user write access to it (or run from a checkout you own)',
  EROFS: 'the file system is read-only: run from a writable checkout',
  ENOSPC: 'free some disk space',
  ENOTDIR: 'a part of the path is a file, not a folder: fix "migrations" in tidemark.config.json or move the file',
  EISDIR: 'the path is a folder where a file belongs: move the folder away',
};

/**
 * `ioError` reports a file Tidemark could not read or write, naming it (relative to the project)
 * and the system's reason, so a permission problem is not mistaken for a bug in Tidemark.
 */
export function ioError(action: 'write' | 'read' | 'create', path: string, cause: unknown, note = ''): TidemarkError {
  const code = (cause as { code?: unknown } | undefined)?.code;
  const reason = typeof code === 'string' ? code : String((cause as Error | undefined)?.message ?? cause);
  return new TidemarkError('TM_IO', {
    message: `cannot ${action} ${path} (${reason})${note}`,
    hint: (typeof code === 'string' && IO_HINTS[code]) || 'check that the path exists and that you may write to it, then run the command again',
    details: { path, ...(typeof code === 'string' ? { errno: code } : {}) },
    cause,
  });
}

/**
 * `cancelled` reports a run the user stopped (Ctrl-C at a question or while it ran), saying
 * what was done: `done` is "nothing was written", or the migrations that were applied.
 */
export function cancelled(done: string, hint = 'run the command again when you are ready'): TidemarkError {
  return new TidemarkError('TM_CANCELLED', { message: `cancelled, ${done}`, hint });
}

/** `internalError` reports a bug in Tidemark itself. */
export function internalError(problem: string, cause?: unknown): TidemarkError {
  return new TidemarkError('TM_INTERNAL', {
    message: problem,
    hint: 'this is a bug in Tidemark; please report it with the command you ran',
    cause,
  });
}
