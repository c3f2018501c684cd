import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import {
  applyOperation, comparableSnapshot, emptySnapshot, shortenIdentifier,
  type Capabilities, type SchemaOperation, type SchemaSnapshot,
} from '@tidemark/core';
import { backendsUnderTest, type Row, type TestDatabase } from '../backends/index.js';
import { runThenCleanUp } from '../support/cleanup.js';

/** What a case gets: a fresh database, `apply`, and the backend's capabilities. */
export type CaseContext = TestDatabase & { readonly apply: Apply; readonly capabilities: Capabilities };

/**
 * `ConformanceCase` is one behaviour every backend must show; `requires` gates on capabilities
 * the backend must have, `lacks` on ones it must not have (the cases that check honesty).
 */
export interface ConformanceCase {
  readonly name: string;
  readonly requires?: readonly (keyof Capabilities)[];
  readonly lacks?: readonly (keyof Capabilities)[];
  /** Finer gates than `requires` (e.g. one index option): why this backend cannot show the case, or undefined. */
  readonly unless?: (capabilities: Capabilities) => string | undefined;
  run(db: CaseContext): Promise<void>;
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
    describe(`${title} [${harness.name}]`, { skip: Boolean(skip) }, () => {
      for (const c of cases) {
        const missing = (c.requires ?? []).filter((k) => !supports(harness.capabilities, k));
        const present = (c.lacks ?? []).filter((k) => supports(harness.capabilities, k));
        const why = missing.length > 0 ? `${harness.name} lacks ${missing.join(', ')}` : present.length > 0 ? `${harness.name} has ${present.join(', ')}`
          : c.unless?.(harness.capabilities) ?? false;
        test(c.name, async (ctx) => {
          // a case this backend cannot show is skipped with its reason (vitest lists it as skipped)
          if (why) ctx.skip(why);
          const db = await harness.create();
          let state = emptySnapshot();
          const apply: Apply = async (...operations) => {
            for (const operation of operations) {
              await db.connection.withLock(() => db.connection.transaction(() => db.connection.applier.apply(operation)));
              state = applyOperation(state, operation);
              assert.deepStrictEqual(
                comparableSnapshot(await db.connection.introspect(), harness.capabilities), comparableSnapshot(state, harness.capabilities),
                `after ${operation.kind} the live schema differs from the model`,
              );
            }
            return state;
          };
          // Rows are written and read under the names the backend really uses (long ones shortened).
          const name = (n: string): string => shortenIdentifier(n, harness.capabilities.maxIdentifierLength, harness.capabilities.identifierLengthUnit);
          const renameRow = (row: Row, to: (n: string) => string): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [to(k), v]));
          const longNames = new Map<string, string>();
          const remember = (n: string): string => { longNames.set(name(n), n); return name(n); };
          const context: CaseContext = {
            ...db,
            apply,
            capabilities: harness.capabilities,
            insert: (table, rows) => db.insert(name(table), rows.map((r) => renameRow(r, name))),
            select: async (table, columns, orderBy) => (await db.select(name(table), columns.map(remember), name(orderBy)))
              .map((r) => renameRow(r, (n) => longNames.get(n) ?? n)),
            count: (table) => db.count(name(table)),
            clear: (tables) => db.clear(tables.map(name)),
          };
          // a failed dispose is reported after the case's own error, never instead of it
          await runThenCleanUp(() => c.run(context), () => db.dispose());
        });
      }
    });
  }
}
