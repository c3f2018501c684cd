import { isTidemarkError, tidemarkError, type BuiltSchema } from '@tidemark/core';

/**
 * `nameModelSource` puts the model's file and line in front of a backend's refusal of an index or a check
 * (core's check-keys-and-indexes.ts says which table and index), so `migrate:generate` names
 * where to change the model, as it does for a model it cannot read. Other errors pass unchanged.
 */
export function nameModelSource(err: unknown, built: BuiltSchema): unknown {
  if (!isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION')) return err;
  const { table, index, check } = err.details as { table?: string; index?: string; check?: string };
  const source = index !== undefined ? built.indexSources.find((s) => s.table === table && s.index === index)
    : check !== undefined ? built.checkSources.find((s) => s.table === table && s.check === check) : undefined;
  if (!source) return err;
  const { file, line, model, property } = source.at;
  const where = `${line === undefined ? file : `${file}:${line}`}${model ? ` (${[model, property].filter(Boolean).join('.')})` : ''}`;
  return tidemarkError('TM_UNSUPPORTED_OPERATION', {
    message: `${where}: ${err.message}`, hint: err.hint, details: { ...err.details, ...source.at }, cause: err,
  });
}
