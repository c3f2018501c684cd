/**
 * `@tidemark/generator`: reads models statically (ts-morph; nothing is executed), diffs them
 * against `migrations/.schema.json` and writes migration files. The only package that loads
 * TypeScript; the CLI imports it lazily, for `migrate:generate` and `migrate:check` only.
 */
export * from './read/index.js';
export * from './codegen/index.js';
export * from './generate/generate.js';
export * from './generate/read-schema-file.js';
export * from './generate/write-file-atomic.js';
// What the programmatic jobs need from core (docs/api.md), so an app imports only packages it installed.
export { buildSnapshot, diffSnapshots, emptySnapshot, parseSnapshot, serializeSnapshot, op } from '@tidemark/core';
export type { BuiltSchema, DiffOptions, Operation, SchemaSnapshot } from '@tidemark/core';
export * from './pull/index.js';
export { writeFilesAtomic, type FileToWrite } from './generate/write-files-atomic.js';
export * from './history/plan-baseline.js';
export * from './history/squash-migrations.js';
export * from './history/rebuild-snapshot.js';
export * from './history/discard-migration.js';
