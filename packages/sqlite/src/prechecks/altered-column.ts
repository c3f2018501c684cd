import type { PortableType } from '@tidemark/core';

// shared by every SQL backend's prechecks
export { alteredColumn, type AlteredColumn } from '@tidemark/sql';

/** `NUMBER_TYPES` hold numbers in SQLite (booleans too, as 0/1). */
export const NUMBER_TYPES: readonly PortableType[] = ['i32', 'i64', 'f64', 'decimal', 'boolean'];
