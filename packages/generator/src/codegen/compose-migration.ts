import {
  diffSnapshots, hashSnapshot,
  type DiffOptions, type Operation, type SchemaSnapshot, type Warning,
} from '@tidemark/core';
import { newMigrationId } from './migration-id.js';
import { renderMigration } from './render-migration.js';

/** `ComposeMigrationOptions` are what a migration file is made from: two schemas and a message. */
export interface ComposeMigrationOptions {
  readonly message: string;
  /** The schema the migration starts from (`.schema.json`, or `emptySnapshot()`). */
  readonly before: SchemaSnapshot;
  /** The schema it ends at (from `readModels`). */
  readonly after: SchemaSnapshot;
  /** The `up` steps; default: `diffSnapshots(before, after, diff)`. */
  readonly operations?: readonly Operation[];
  /** Rename hints and policy for the default diff. */
  readonly diff?: DiffOptions;
  /** The ids already in the migrations folder: the new id sorts after them. */
  readonly existing?: readonly string[];
  /** The id's timestamp; default now. */
  readonly now?: Date;
}

/** `ComposedMigration` is one migration file, ready to write as `<migrations>/<fileName>`. */
export interface ComposedMigration {
  readonly id: string;
  readonly fileName: string;
  readonly text: string;
  readonly operations: readonly Operation[];
  readonly upWarnings: readonly Warning[];
  readonly downWarnings: readonly Warning[];
}

/**
 * `composeMigration` makes a migration file from two schemas: the steps (diffed unless given),
 * the id (`YYYYMMDD_HHMMSS_<slug>`, after `existing`) and the header's snapshot hashes, which
 * `renderMigration` takes ready-made. It writes nothing (docs/api.md).
 */
export async function composeMigration(options: ComposeMigrationOptions): Promise<ComposedMigration> {
  const operations = options.operations ?? await diffSnapshots(options.before, options.after, options.diff ?? {});
  const id = newMigrationId(options.message, options.now ?? new Date(), options.existing ?? []);
  const rendered = renderMigration({
    id, message: options.message, operations, before: options.before,
    header: { from: await hashSnapshot(options.before), to: await hashSnapshot(options.after) },
  });
  return { id, fileName: `${id}.ts`, text: rendered.text, operations, upWarnings: rendered.upWarnings, downWarnings: rendered.downWarnings };
}
