// The adoption round trip of `migrate:pull`, the same steps on every backend (test/e2e/pull.test.ts
// gives each one its hand-made schema): a schema made with the database's own SQL or API →
// `migrate:pull` → the pulled files, read by the static reader, build exactly the live schema →
// `migrate:generate` writes the first migration → `migrate:resolve <id> --applied` records it
// (until `migrate:baseline` exists) → `migrate:check --url` passes → `migrate:generate` says
// "No changes" → an edit of a pulled model → generate → up → the catalog shows exactly that edit.
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { applyOperation, buildSnapshot, comparableSnapshot, type Operation, type PullNote, type SchemaSnapshot } from '@tidemark/core';
import { findModelFiles, readModelFiles } from '@tidemark/generator';
import type { BackendHarness, TestDatabase } from '../../backends/index.js';
import { createProject, type TempProject } from '../../support/project.js';

/** `PullRoundTrip` is one backend's part: its hand-made schema and the edit made after adopting it. */
export interface PullRoundTrip {
  /** Creates the schema with the database's own statements (SQL text or DynamoDB requests), bypassing Tidemark. */
  readonly createByHand: (db: TestDatabase) => Promise<void>;
  /** The objects `migrate:pull` must list as not expressible exactly (the backend's odd cases), sorted. */
  readonly expectedNotes: readonly string[];
  /** The pulled file to edit, the text to find in it, and what replaces it. */
  readonly edit: { readonly file: string; readonly find: string; readonly replace: string };
  /** The one operation the edit is. */
  readonly editIs: Operation;
}

/** What the database reads as for `migrate:pull`: introspection, plus the tables only the pull inventory knows. */
export async function pulledReading(db: TestDatabase): Promise<SchemaSnapshot> {
  const live = await db.connection.introspect();
  const extra = (await db.connection.pullInventory?.(live))?.tables ?? [];
  return { ...live, tables: [...live.tables, ...extra] };
}

/** The snapshot the project's model files build, read statically as `migrate:generate` reads them. */
export function modelsSnapshot(project: TempProject): SchemaSnapshot {
  return buildSnapshot(readModelFiles(findModelFiles(project.dir, ['models/**/*.ts']), { cwd: project.dir })).snapshot;
}

/** Runs the round trip on a fresh database of `harness`; returns nothing, asserts every step. */
export async function runPullRoundTrip(harness: BackendHarness, spec: PullRoundTrip): Promise<void> {
  const db = await harness.create();
  const project = await createProject(db.url);
  try {
    await spec.createByHand(db);
    const comparable = (s: SchemaSnapshot) => comparableSnapshot(s, harness.capabilities);

    const pull = await project.run(['migrate:pull', '--json']);
    assert.equal(pull.code, 0, pull.stderr + pull.stdout);
    const report = JSON.parse(pull.stdout) as { files: { path: string }[]; notes: PullNote[] };
    assert.deepEqual(report.notes.map((n) => n.object).sort(), [...spec.expectedNotes].sort(), JSON.stringify(report.notes, null, 2));
    assert.deepEqual(comparable(modelsSnapshot(project)), comparable(await pulledReading(db)));

    const first = await project.run(['migrate:generate', '--message', 'adopt existing schema']);
    assert.equal(first.code, 0, first.stderr + first.stdout);
    const [id] = (await project.migrations()).map((f) => f.replace(/\.ts$/, ''));
    assert.ok(id, 'the first migration was written');
    const resolve = await project.run(['migrate:resolve', id, '--applied']);
    assert.equal(resolve.code, 0, resolve.stderr + resolve.stdout);
    const check = await project.run(['migrate:check']);
    assert.equal(check.code, 0, check.stderr + check.stdout);
    const again = await project.run(['migrate:generate', '--message', 'nothing']);
    assert.equal(again.code, 0, again.stderr + again.stdout);
    assert.match(again.stdout, /No changes/);
    assert.equal((await project.migrations()).length, 1);

    const before = await db.connection.introspect();
    const file = await project.read(join('models', spec.edit.file));
    assert.ok(file.includes(spec.edit.find), `${spec.edit.file} has ${spec.edit.find}:\n${file}`);
    await project.write(join('models', spec.edit.file), file.replace(spec.edit.find, spec.edit.replace));
    const edit = await project.run(['migrate:generate', '--message', 'the edit']);
    assert.equal(edit.code, 0, edit.stderr + edit.stdout);
    const up = await project.run(['migrate:up']);
    assert.equal(up.code, 0, up.stderr + up.stdout);
    assert.match(up.stdout, /Applied 1 migration/);
    assert.deepEqual(comparable(await db.connection.introspect()), comparable(applyOperation(before, spec.editIs)));
    const finalCheck = await project.run(['migrate:check']);
    assert.equal(finalCheck.code, 0, finalCheck.stderr + finalCheck.stdout);
  } finally {
    await project.cleanup();
    await db.dispose();
  }
}

/** The model files a pull wrote, sorted. */
export async function pulledFiles(project: TempProject): Promise<string[]> {
  return (await readdir(join(project.dir, 'models'))).sort();
}
