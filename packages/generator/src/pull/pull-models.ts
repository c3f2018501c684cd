import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildSnapshot, internalError, isTidemarkError, type ComparableOptions, type PullNote, type SchemaSnapshot, type TableSnapshot,
} from '@tidemark/core';
import { readModelFiles } from '../read/read-model-files.js';
import { comparePulled } from './compare-pulled.js';
import { planModels } from './plan-models.js';
import { renderModel } from './render-model.js';

/** `PulledFile` is one model file of a pull: its name in the output folder and its text. */
export interface PulledFile {
  readonly fileName: string;
  readonly className: string;
  readonly table: string;
  readonly text: string;
}

/** `PullResult` is what `pullModels` gives: the files and everything they could not say exactly. */
export interface PullResult {
  readonly files: readonly PulledFile[];
  /** Sorted by table, then object: the same database gives the same list. */
  readonly notes: readonly PullNote[];
}

/** `PullModelsOptions` say how the backend stores names and what else it found. */
export interface PullModelsOptions {
  /** The backend's capabilities (identifier limit, unique indexes), as `migrate:check` compares with. */
  readonly names?: ComparableOptions;
  /** Notes from the backend's catalog (`BackendConnection.pullInventory`). */
  readonly notes?: readonly PullNote[];
}

const noteOrder = (a: PullNote, b: PullNote): number =>
  (a.table ?? '').localeCompare(b.table ?? '') || a.object.localeCompare(b.object) || a.problem.localeCompare(b.problem);

/**
 * `pullModels` writes a live schema as model files (`migrate:pull`), then reads them back with the
 * static reader, exactly as `migrate:generate` will, and lists every difference between the
 * schema they build and the live one: a pull is never lossy without saying so.
 */
export async function pullModels(schema: SchemaSnapshot, options: PullModelsOptions = {}): Promise<PullResult> {
  const planned = planModels(schema, options.names);
  const files = planned.models.map((m): PulledFile => ({ fileName: m.fileName, className: m.className, table: m.table, text: renderModel(m) }));
  const built = await readBack(files);
  const pulledTables = planned.models.map((m) => m.table);
  const differences = comparePulled(built, { ...schema, tables: schema.tables.filter((t: TableSnapshot) => pulledTables.includes(t.name)) }, pulledTables, options.names ?? {});
  // a difference on an object a note already explains (a native type, a skipped index) says nothing new
  const explained = new Set([...(options.notes ?? []), ...planned.notes].map((n) => `${n.table ?? ''}\0${n.object}`));
  const unexplained = differences.filter((n) => !explained.has(`${n.table ?? ''}\0${n.object}`));
  const notes = [...(options.notes ?? []), ...planned.notes, ...unexplained].sort(noteOrder);
  return { files, notes };
}

/** The snapshot the files build, read from a scratch folder by the static reader. */
async function readBack(files: readonly PulledFile[]): Promise<SchemaSnapshot> {
  if (files.length === 0) return buildSnapshot([]).snapshot;
  const dir = await mkdtemp(join(tmpdir(), 'tidemark-pull-'));
  try {
    for (const f of files) await writeFile(join(dir, f.fileName), f.text, 'utf8');
    return buildSnapshot(readModelFiles(files.map((f) => f.fileName), { cwd: dir })).snapshot;
  } catch (err) {
    // a pulled model the readers refuse is a bug here, not the user's input
    throw internalError(`the pulled models do not read back: ${isTidemarkError(err) ? err.message : String(err)}`, err);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
