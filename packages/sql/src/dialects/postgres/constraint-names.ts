import { shortName } from './shorten.js';

/**
 * `primaryKeyName` names a table's PRIMARY KEY constraint (and its index) as PostgreSQL would by
 * default, `<table>_pkey`. It is derived from the table name, so renameTable renames it too:
 * alterPrimaryKey can then always find it, and a later table reusing the old name cannot collide
 * with the old key's index (index names are unique per schema).
 */
export function primaryKeyName(table: string): string {
  return shortName(`${table}_pkey`);
}

/**
 * `enumCheckName` names the CHECK constraint that keeps an enum column within its values. It is
 * derived from the table and column, and renamed with either, so alterColumn can drop it by name.
 */
export function enumCheckName(table: string, column: string): string {
  return shortName(`chk_${table}_${column}`);
}
