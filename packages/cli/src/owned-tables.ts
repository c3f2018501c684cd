import type { Migration, Operation, SchemaSnapshot } from '@tidemark/core';

/** `ownedTables` are the tables the migrations' native statements look after (`owns` in defineMigration). */
export function ownedTables(migrations: readonly Migration[]): ReadonlySet<string> {
  return new Set(migrations.flatMap((m) => m.owns ?? []));
}

/** `withoutTables` is `snapshot` without the `owned` tables: drift is not looked for in them. */
export function withoutTables(snapshot: SchemaSnapshot, owned: ReadonlySet<string>): SchemaSnapshot {
  return owned.size === 0 ? snapshot : { ...snapshot, tables: snapshot.tables.filter((t) => !owned.has(t.name)) };
}

/**
 * `driftHint` says what to do about drift. A table that exists but no migration's model step
 * made is often made by a native statement (`db.execute('CREATE TABLE …')`): capturing it with
 * yet another such migration would report it again, so the hint says how to declare it instead.
 */
export function driftHint(drift: readonly Operation[]): string {
  const unknownTables = drift.flatMap((o) => (o.kind === 'createTable' ? [o.table.name] : []));
  const own = unknownTables.length > 0
    ? `; if a migration's db.execute made ${unknownTables.join(', ')}, declare it there with \`owns: [${unknownTables.map((t) => `'${t}'`).join(', ')}]\` in defineMigration (then \`tidemark migrate:repair <id>\` if it is applied), and check leaves it alone`
    : '';
  return `undo the manual change by hand; or keep it: add it to the models, run \`tidemark migrate:generate -m "capture ..."\`, then record that migration as applied on this database only with \`tidemark migrate:resolve <id> --applied\` (other databases run it); a table another tool owns goes in "exclude" in tidemark.config.json${own}`;
}
