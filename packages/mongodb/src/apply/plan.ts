import type { SchemaSnapshot } from '@tidemark/core';
import type { Document } from '../document.js';

/** `CommandStep` runs one command, on the migration's database or on `admin`. */
export interface CommandStep {
  readonly kind: 'command';
  readonly command: Document;
  readonly target?: 'admin';
}

/**
 * `RewriteStep` changes every document matching `filter` with `update`, in batches (see
 * run/rewrite.ts). `filter` must stop matching a document once it is updated: that is how the
 * batches end and how the final count proves nothing was missed. A `catch-up` rewrite runs
 * after the validator is tightened, for documents the application wrote in the meantime.
 */
export interface RewriteStep {
  readonly kind: 'rewrite';
  readonly collection: string;
  readonly filter: Document;
  readonly update: Document | readonly Document[];
  readonly purpose: 'rewrite' | 'catch-up';
}

export type Step = CommandStep | RewriteStep;

/** `CountCheck` fails when any document matches `match`, showing up to five with the `show` fields. */
export interface CountCheck {
  readonly kind: 'count';
  readonly check: string;
  readonly target: string;
  readonly collection: string;
  readonly match: Document;
  readonly show: readonly string[];
  readonly hint: string;
}

/**
 * `DuplicateCheck` fails when documents matching `match` repeat the values of `group` (column →
 * expression): every document of a repeated group is counted, as the SQL backends count rows.
 */
export interface DuplicateCheck {
  readonly kind: 'duplicates';
  readonly check: string;
  readonly target: string;
  readonly collection: string;
  readonly match: Document;
  readonly group: Document;
  readonly hint: string;
}

/** `DataCheck` is a precheck: it reads data and fails with counts and samples, changing nothing. */
export type DataCheck = CountCheck | DuplicateCheck;

/**
 * `MongoPlan` is how one operation runs on MongoDB, decided from the operation and the schema
 * before it alone (so `--dry-run` prints exactly what `apply` runs): the prechecks, then the
 * steps in order. `undo` is run if a step fails (createTable drops its half-made collection).
 */
export interface MongoPlan {
  readonly checks: readonly DataCheck[];
  readonly steps: readonly Step[];
  readonly undo: readonly Document[];
  /** The schema after the operation (core's reducer). */
  readonly after: SchemaSnapshot;
}

/** `command` is a command step on the migration's database. */
export const command = (doc: Document): CommandStep => ({ kind: 'command', command: doc });
