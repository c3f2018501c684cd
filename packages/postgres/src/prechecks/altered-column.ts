import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import type { SqlExecutor } from '@tidemark/sql';

/** `PgPrecheck` checks that the data survives one (already shortened) operation, or throws TM_PRECHECK_FAILED. */
export type PgPrecheck = (executor: SqlExecutor, operation: SchemaOperation, before: SchemaSnapshot) => Promise<void>;

// shared by every SQL backend's prechecks
export { alteredColumn, type AlteredColumn } from '@tidemark/sql';
