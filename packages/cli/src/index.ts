/** `@tidemark/cli`: the `tidemark` command. Every command is a thin adapter over one library function. */
export { main, type MainIo } from './main.js';
export { loadConfig, type TidemarkConfig } from './config.js';
export { resolveUrl } from './resolve-url.js';
export { loadBackend, connect, schemeOf } from './load-backend.js';
export { planStatements, type PlannedStep } from './api/plan-statements.js';
// Applying from code takes a connection (above) and a migrator: one package for both (docs/api.md).
export { createMigrator, type Migrator, type MigratorOptions, type MigratorEvent } from '@tidemark/migrator';
// Many databases in one run (README: Fleets): the same function `migrate:up --targets` calls.
export { runFleet, type FleetAction, type FleetOptions, type FleetReport, type TargetResult, type TargetOutcome, type TargetFailure } from './fleet/run-fleet.js';
export { readTargets, type FleetTarget } from './fleet/read-targets.js';
export * from './testing.js';
