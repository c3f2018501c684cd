import { configInvalid, type SchemaSnapshot } from '@tidemark/core';
import { excludeMatcher } from '@tidemark/migrator';
import { CONFIG_FILE, type TidemarkConfig } from '../config.js';

/**
 * `excludedTables` is the config's `exclude` list as a test on table names. A model whose table
 * it names is a contradiction (Tidemark would manage a table it is told to leave alone): an error
 * naming the table and the pattern, before anything is read from a database.
 */
export function excludedTables(config: TidemarkConfig, models: SchemaSnapshot): (table: string) => boolean {
  const excluded = excludeMatcher(config.exclude);
  for (const t of models.tables) {
    if (!excluded(t.name)) continue;
    const pattern = config.exclude.find((p) => excludeMatcher([p])(t.name))!;
    throw configInvalid(`${config.root}/${CONFIG_FILE}`, `"exclude" entry "${pattern}" names table ${t.name}, which the models define (model ${t.model}); exclude only tables other tools own`);
  }
  return excluded;
}
