import { slugify } from '@tidemark/core';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function stamp(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}_${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
}

/**
 * `newMigrationId` makes `YYYYMMDD_HHMMSS_<slug>` (UTC) for a new migration. If the newest
 * existing migration is from the same second or later (fast repeated runs, a clock behind a
 * merged branch), the timestamp moves one second past it, so ids stay unique and ordered.
 */
export function newMigrationId(message: string, now: Date, existing: readonly string[]): string {
  let time = now.getTime() - (now.getTime() % 1000);
  const newest = [...existing].sort().at(-1);
  if (newest) {
    const m = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})/.exec(newest);
    if (m) {
      const last = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
      if (last >= time) time = last + 1000;
    }
  }
  return `${stamp(new Date(time))}_${slugify(message)}`;
}
