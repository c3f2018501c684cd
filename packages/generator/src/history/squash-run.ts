import { diffSnapshots, TidemarkError, type Dialect, type Operation } from '@tidemark/core';
import type { MigrationLoader, ReplayedMigration } from '@tidemark/migrator';
import { replayMigrations, type MigrationFile } from '@tidemark/migrator';

/** Every dialect a migration file may be recorded for: a squash must mean the same on each. */
const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres', 'mysql', 'mongodb', 'dynamodb'];

const refuse = (message: string, hint: string, details: Record<string, unknown>) => new TidemarkError('TM_USAGE', { message, hint, details });

/**
 * `refuseUnsquashable` refuses a run a squash could not reproduce exactly:
 * - a native statement (`db.execute`): it is written for one backend and may be a data fix whose
 *   place among the schema steps matters; the squash cannot translate it, and carrying it over
 *   would hide it in a bigger file, so the run is split around it instead;
 * - a migration whose recorded steps differ by backend (it branches on `db.dialect`): one squashed
 *   `up` cannot hold the branches.
 */
export async function refuseUnsquashable(run: readonly ReplayedMigration[], files: readonly MigrationFile[], load: MigrationLoader): Promise<void> {
  const ids = run.map((r) => r.file.id);
  for (const r of run) {
    const native = r.operations.findIndex((o) => o.kind === 'execute');
    if (native < 0) continue;
    const i = ids.indexOf(r.file.id);
    const before = ids[i - 1];
    const after = ids[i + 1];
    throw refuse(
      `${r.file.id} runs a native statement (db.execute, step ${native + 1}); a squash cannot carry it over: it is written for one backend and may be a data fix whose place among the schema steps matters`,
      `squash around it: ${[before ? `\`tidemark migrate:squash --from ${ids[0]} --to ${before}\`` : '', after ? `\`tidemark migrate:squash --from ${after} --to ${ids.at(-1)}\`` : ''].filter(Boolean).join(' and ') || 'leave it as it is'}; nothing was written`,
      { id: r.file.id, step: native + 1 },
    );
  }
  const runFiles = new Set(ids);
  const upTo = files.filter((f) => f.id <= ids.at(-1)!);
  const reference = JSON.stringify(run.map((r) => r.operations));
  for (const dialect of DIALECTS) {
    const replayed = (await replayMigrations(upTo, load, dialect)).filter((r) => runFiles.has(r.file.id));
    const differs = replayed.find((r, k) => JSON.stringify(r.operations) !== JSON.stringify(run[k]!.operations));
    if (differs || JSON.stringify(replayed.map((r) => r.operations)) !== reference) {
      const id = differs?.file.id ?? ids[0]!;
      throw refuse(
        `${id} records different steps on ${dialect} (it branches on db.dialect); one squashed migration cannot hold the branches`,
        `squash a run without it (--from/--to), or keep the history as it is; nothing was written`,
        { id, dialect },
      );
    }
  }
}

/**
 * `squashedSteps` is the `up` of the squashed migration, from the replay of its run: a run that
 * starts from an empty schema (squashing from the first migration) becomes the tables as they
 * end, created directly (no database has data the run would move); a run that starts from an
 * existing schema keeps its steps in order, exactly what each database ran (renames and
 * conversions keep the data only if they stay steps).
 */
export async function squashedSteps(run: readonly ReplayedMigration[]): Promise<Operation[]> {
  const before = run[0]!.before;
  if (before.tables.length === 0) return diffSnapshots(before, run.at(-1)!.after, { renames: { mode: 'none' } });
  return run.flatMap((r) => r.operations);
}
