import type { BackendHarness } from './harness.js';
import { dynamodbHarness } from './dynamodb.js';
import { mongodbHarness } from './mongodb.js';
import { mysqlHarness } from './mysql.js';
import { postgresHarness } from './postgres.js';
import { sqliteHarness } from './sqlite.js';

export type { BackendHarness, ReadOnlyAccess, Row, TestDatabase } from './harness.js';

/** Every backend this project has, in the order suites run them. */
export const HARNESSES: readonly BackendHarness[] = [sqliteHarness, postgresHarness, mysqlHarness, mongodbHarness, dynamodbHarness];

/** `BackendUnderTest` is a harness and, when it cannot run, why the suite skips it. */
export interface BackendUnderTest {
  readonly harness: BackendHarness;
  readonly skip?: string;
}

/**
 * `backendsUnderTest` decides which backends a suite runs. An unreachable backend is skipped
 * with a loud line saying how to enable it — unless TIDEMARK_REQUIRE_BACKENDS (set in CI)
 * names it, in which case the suite fails. A required name this project has no backend for is
 * an error too, so a typo in CI cannot quietly test less.
 */
export async function backendsUnderTest(env: NodeJS.ProcessEnv = process.env): Promise<BackendUnderTest[]> {
  const required = (env.TIDEMARK_REQUIRE_BACKENDS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = required.filter((name) => !HARNESSES.some((h) => h.name === name));
  if (unknown.length > 0) {
    throw new Error(`TIDEMARK_REQUIRE_BACKENDS names ${unknown.join(', ')}, which this project has no backend for (it has ${HARNESSES.map((h) => h.name).join(', ')})`);
  }
  const out: BackendUnderTest[] = [];
  for (const harness of HARNESSES) {
    const reason = await harness.unreachable();
    if (reason && required.includes(harness.name)) {
      throw new Error(`backend ${harness.name} is required (TIDEMARK_REQUIRE_BACKENDS) but unreachable: ${reason}`);
    }
    if (reason) {
      console.error(`\n!!! SKIPPING the ${harness.name} conformance cases: ${reason}\n`);
      out.push({ harness, skip: reason });
    } else out.push({ harness });
  }
  return out;
}
