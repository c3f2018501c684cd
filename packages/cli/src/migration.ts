/**
 * `@tidemark/cli/migration`: what a migration file imports. Generated migrations import it from
 * the CLI because the CLI is the package a project installs itself (README: Models; docs/architecture.md:
 * The seams, `MigrationContext`), where `@tidemark/core` is only a dependency of it: under pnpm,
 * or any install that does not hoist, a migration that imports core does not resolve. Kept to
 * re-exports of core so that loading a migration never loads the command itself.
 */
export { defineMigration, defineSeed } from '@tidemark/core';
export type {
  AddColumnOptions, ColumnDefinition, ColumnSpec, CreateIndexOptions, Dialect, ForeignKeySpec, IndexSpec,
  Migration, MigrationContext, NativeStatement, TableSpec,
  BackfillOptions, DataResult, DataValue, InsertOptions, Row, Seed, SeedContext, Where,
} from '@tidemark/core';
