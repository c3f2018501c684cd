/**
 * `SNAPSHOT_UPGRADES[v]` turns the parsed JSON of a version-`v` `.schema.json` into version
 * `v + 1`, before it is validated as the current version. Each step only moves data; what a
 * version adds is optional, so an older file keeps meaning exactly what it meant. An upgraded
 * snapshot is written back (as the current version) only when a migration is generated.
 *
 * - 1 → 2: nothing moves. Version 2 adds optional fields only: a column's array element type and
 *   native types (`items`, `native`), and fields other features add to tables and indexes. A
 *   version-1 reader would silently drop them, hence the bump.
 *
 * To add a version: bump `SNAPSHOT_VERSION`, add `SNAPSHOT_UPGRADES[old]` here (identity if the
 * new fields are optional), and a test that an old file still reads (upgrade-snapshot.test.ts).
 */
export const SNAPSHOT_UPGRADES: Readonly<Record<number, (data: Readonly<Record<string, unknown>>) => Record<string, unknown>>> = {
  1: (data) => ({ ...data, version: 2 }),
};

/** `upgradeSnapshotData` applies every upgrade from `version` to `target`, in order. */
export function upgradeSnapshotData(data: Readonly<Record<string, unknown>>, version: number, target: number): Record<string, unknown> {
  let out: Record<string, unknown> = { ...data };
  for (let v = version; v < target; v++) {
    const step = SNAPSHOT_UPGRADES[v];
    // a missing step is a bug in this file, caught by its test; never a silent pass-through
    if (!step) throw new Error(`no snapshot upgrade from version ${v}`);
    out = step(out);
  }
  return out;
}
