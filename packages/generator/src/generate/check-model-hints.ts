import { columnName, modelInvalid, tableName, type ModelDescription, type RenameHints, type SchemaSnapshot } from '@tidemark/core';

/**
 * `checkModelHints` refuses a `renamedFrom` that names nothing, at the model that says it: one
 * whose new name is new while its old name is not in `.schema.json` is a typo (`renamedFrom:
 * 'rol'`), and ignoring it would, with `--no-rename`, drop the column it meant with its data. A
 * `renamedFrom` whose new name already exists is a rename already done and stays quiet: it
 * normally stays in the model after its migration. A column hint is checked only where its table
 * existed (under its old name, if the table is renamed too); in a new table it has nothing to name.
 */
export function checkModelHints(models: readonly ModelDescription[], prev: SchemaSnapshot, tableRenames: RenameHints['tables']): void {
  const find = (name: string) => prev.tables.find((t) => t.name === name);
  if (prev.tables.length === 0) return; // the first migration: there is nothing a model could be renamed from
  for (const m of models) {
    const table = m.table ?? tableName(m.className);
    if (m.renamedFrom !== undefined && !find(table) && !find(m.renamedFrom)) {
      throw modelInvalid({ file: m.file, line: m.line, model: m.className }, `renamedFrom: '${m.renamedFrom}', but migrations/.schema.json has no table ${m.renamedFrom}`,
        `name the table as it is in .schema.json (${prev.tables.map((t) => t.name).join(', ')}), or remove renamedFrom`);
    }
    const old = find(tableRenames.find((r) => r.to === table && find(r.from) && !find(r.to))?.from ?? table);
    if (!old) continue;
    for (const p of m.properties) {
      const from = p.column?.renamedFrom;
      if (from === undefined) continue;
      const to = p.column?.name ?? columnName(p.name);
      if (old.columns.some((c) => c.name === to) || old.columns.some((c) => c.name === from)) continue;
      throw modelInvalid({ file: m.file, ...(p.line !== undefined ? { line: p.line } : {}), model: m.className, property: p.name },
        `renamedFrom: '${from}', but table ${old.name} has no column ${from} in migrations/.schema.json`,
        `name the column as it is in .schema.json (${old.columns.map((c) => c.name).join(', ')}), or remove renamedFrom`);
    }
  }
}
