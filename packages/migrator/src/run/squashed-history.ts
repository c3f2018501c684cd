import { TidemarkError, type HistoryRecord } from '@tidemark/core';
import type { MigrationFile } from '../source/migration-file.js';

/** A squashed migration this database applied only part of. */
export interface PartialSquash {
  /** The squashed migration. */
  readonly id: string;
  /** The replaced migrations this database has a record of (applied, failed or running). */
  readonly recorded: readonly string[];
  /** The replaced migrations it never ran. */
  readonly missing: readonly string[];
  /** The last migration of the squashed run: where the database must be brought first. */
  readonly last: string;
}

/** `SquashedHistory` is the history as the migrator reads it, squashed migrations folded in. */
export interface SquashedHistory {
  /** Records as if every squash had been there from the start. */
  readonly records: readonly HistoryRecord[];
  /** Squashed migrations now seen as applied: their record, and the records it stands for (to persist under the lock). */
  readonly folded: readonly { readonly record: HistoryRecord; readonly replaced: readonly string[] }[];
  readonly partial: readonly PartialSquash[];
}

/**
 * `foldSquashed` reads the history through the squashed migrations of the folder (files with a
 * `replaces` line; docs/failure-recovery.md: Squashed migrations): a database that applied every
 * migration a squash replaces has the squashed one applied (one record for it, with the latest
 * applied_at of the run and the sum of its times, instead of theirs); one that recorded none of
 * them has it pending, like any other; one that recorded only some (or has one of them failed or
 * running) is a `partial` squash, which `up` and `down` refuse (`squashPartial`) and `status` shows.
 */
export function foldSquashed(records: readonly HistoryRecord[], files: readonly MigrationFile[]): SquashedHistory {
  const byId = new Map(records.map((r) => [r.id, r]));
  const drop = new Set<string>();
  const extra: HistoryRecord[] = [];
  const folded: { record: HistoryRecord; replaced: string[] }[] = [];
  const partial: PartialSquash[] = [];
  for (const file of files) {
    if (!file.replaces) continue;
    const replaced = file.replaces.filter((id) => byId.has(id));
    if (replaced.length === 0) continue;
    const own = byId.get(file.id);
    const applied = replaced.filter((id) => byId.get(id)!.outcome === 'applied');
    if (own) {
      // its record is there (a fold persisted part-way): the old records only remain to be removed
      for (const id of replaced) drop.add(id);
      folded.push({ record: own, replaced });
      continue;
    }
    if (applied.length === file.replaces.length) {
      const old = file.replaces.map((id) => byId.get(id)!);
      const newest = old.reduce((a, b) => (a.appliedAt >= b.appliedAt ? a : b));
      const record: HistoryRecord = {
        id: file.id, checksum: file.checksum, appliedAt: newest.appliedAt,
        executionMs: old.reduce((sum, r) => sum + r.executionMs, 0), appliedBy: newest.appliedBy, outcome: 'applied',
      };
      for (const id of replaced) drop.add(id);
      extra.push(record);
      folded.push({ record, replaced });
      continue;
    }
    partial.push({ id: file.id, recorded: replaced, missing: file.replaces.filter((id) => !applied.includes(id)), last: file.replaces.at(-1)! });
  }
  const effective = [...records.filter((r) => !drop.has(r.id)), ...extra].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { records: effective, folded, partial };
}

/**
 * `squashPartial` refuses a database that applied only part of a squashed run: the squashed
 * migration would run steps it already has. It says exactly how to bring it to the end of the run.
 */
export function squashPartial(p: PartialSquash): TidemarkError {
  return new TidemarkError('TM_SQUASH_PARTIAL', {
    message: `${p.id} replaces a run of migrations that were squashed into it; this database has ${p.recorded.join(', ')} of them but not ${p.missing.join(', ')}, so it can neither run ${p.id} nor count it as applied`,
    hint: `bring this database to the end of the squashed run with the files from before the squash: in a checkout of the commit before it (e.g. \`git worktree add ../before-squash <commit>\`), run \`tidemark migrate:up --to ${p.last}\` against this database; then, here, \`tidemark migrate:up\` counts ${p.id} as applied and goes on. Nothing was changed`,
    details: { id: p.id, recorded: p.recorded, missing: p.missing, last: p.last },
  });
}
