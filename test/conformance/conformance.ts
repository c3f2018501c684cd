import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  applyOperation, comparableSnapshot, emptySnapshot,
  type Capabilities, type SchemaOperation, type SchemaSnapshot,
} from '@tidemark/core';
import { backendsUnderTest, type TestDatabase } from '../backends/index.js';

/** `ConformanceCase` is one behaviour every backend must show; `requires` gates on capabilities. */
export interface ConformanceCase {
  readonly name: string;
  readonly requires?: readonly (keyof Capabilities)[];
  run(db: TestDatabase & { apply: Apply }): Promise<void>;
}

/** Applies operations as the migrator does, checking after each one that the live schema equals the model's. */
export type Apply = (...operations: SchemaOperation[]) => Promise<SchemaSnapshot>;

function supports(capabilities: Capabilities, key: keyof Capabilities): boolean {
  const v = capabilities[key];
  return v === true || v === 'enforced' || (Array.isArray(v) && v.length > 0) || typeof v === 'number';
}

/**
 * `conformanceSuite` registers `cases` once per backend under test (test/backends): each case
 * gets a fresh database and an `apply` that runs operations under the backend's lock and
 * transaction, then introspects and compares with core's reducer — the same laws everywhere.
 */
export async function conformanceSuite(title: string, cases: readonly ConformanceCase[]): Promise<void> {
  for (const { harness, skip } of await backendsUnderTest()) {
    describe(`${title} [${harness.name}]`, { skip }, () => {
      for (const c of cases) {
        const missing = (c.requires ?? []).filter((k) => !supports(harness.capabilities, k));
        test(c.name, { skip: missing.length > 0 ? `${harness.name} lacks ${missing.join(', ')}` : false }, async () => {
          const db = await harness.create();
          let state = emptySnapshot();
          const apply: Apply = async (...operations) => {
            for (const operation of operations) {
              await db.connection.withLock(() => db.connection.transaction(() => db.connection.applier.apply(operation)));
              state = applyOperation(state, operation);
              assert.deepStrictEqual(
                comparableSnapshot(await db.connection.introspect()), comparableSnapshot(state, harness.capabilities),
                `after ${operation.kind} the live schema differs from the model`,
              );
            }
            return state;
          };
          try {
            await c.run({ ...db, apply });
          } finally {
            await db.dispose();
          }
        });
      }
    });
  }
}
