import { usageError, type RenameHints, type SchemaSnapshot, type TableSnapshot } from '@tidemark/core';

const names = (list: readonly { name: string }[]) => list.map((x) => x.name).join(', ') || '(none)';

/**
 * `checkRenameFlags` refuses a `--rename` that cannot be what the user meant, naming it, instead
 * of ignoring it: with `--no-rename` a typo (`--rename users.nmae=full_name`) would otherwise turn
 * the rename into drop + add and lose the column's data. The old name must exist in
 * `.schema.json`, the new one in the models and not in `.schema.json` (else the rename is already
 * done), and no name may be renamed twice. A column's table is named by its new name, as the
 * `--rename` help says; `tableRenames` (from the flags and the models) find its old one.
 * `renamedFrom` in a model is not checked here: it stays in the model after the rename is
 * applied, so it is normal for it to name a column that is gone.
 */
export function checkRenameFlags(flags: RenameHints, prev: SchemaSnapshot, next: SchemaSnapshot, tableRenames: RenameHints['tables']): void {
  const find = (s: SchemaSnapshot, name: string): TableSnapshot | undefined => s.tables.find((t) => t.name === name);
  const twice = (what: string, list: readonly string[]) => {
    const dup = list.find((x, i) => list.indexOf(x) !== i);
    if (dup) throw usageError(`--rename names ${what} ${dup} twice`, 'give each old and new name one --rename');
  };
  twice('the table', flags.tables.map((t) => t.from));
  twice('the table', flags.tables.map((t) => t.to));
  twice('the column', flags.columns.map((c) => `${c.table}.${c.from}`));
  twice('the column', flags.columns.map((c) => `${c.table}.${c.to}`));

  for (const { from, to } of flags.tables) {
    const flag = `--rename ${from}=${to}`;
    if (!find(prev, from)) throw usageError(`${flag}: there is no table ${from} in migrations/.schema.json (tables: ${names(prev.tables)})`, 'name a table as it is before this migration, or drop the flag');
    if (!find(next, to)) throw usageError(`${flag}: no model maps to table ${to} (tables: ${names(next.tables)})`, 'name the table the model maps to now (@Model({ table }) or the class name in snake_case plural)');
    if (find(prev, to)) throw usageError(`${flag}: table ${to} already exists in migrations/.schema.json`, 'the rename is already done: drop the flag');
  }
  for (const { table, from, to } of flags.columns) {
    const flag = `--rename ${table}.${from}=${to}`;
    const now = find(next, table);
    if (!now) {
      const renamed = tableRenames.find((t) => t.from === table);
      throw usageError(`${flag}: no model maps to table ${table}`, renamed ? `name the table by its new name: --rename ${renamed.to}.${from}=${to}` : `name the table as the models map it now (tables: ${names(next.tables)})`);
    }
    const oldName = tableRenames.find((t) => t.to === table && find(prev, t.from) && !find(prev, t.to))?.from ?? table;
    const before = find(prev, oldName);
    if (!before) throw usageError(`${flag}: table ${table} is new in this migration; it has no columns to rename`, 'drop the flag, or rename the table too: --rename old_table=' + table);
    if (!before.columns.some((c) => c.name === from)) {
      throw usageError(`${flag}: table ${oldName} has no column ${from} in migrations/.schema.json (columns: ${names(before.columns)})`, 'name the column as it is before this migration (its column name, not the property name)');
    }
    if (!now.columns.some((c) => c.name === to)) {
      throw usageError(`${flag}: the model of ${table} has no column ${to} (columns: ${names(now.columns)})`, 'name the column as the model maps it now (its column name, e.g. full_name for fullName)');
    }
    if (before.columns.some((c) => c.name === to)) throw usageError(`${flag}: column ${to} already exists in ${oldName} in migrations/.schema.json`, 'the rename is already done: drop the flag');
  }
}
