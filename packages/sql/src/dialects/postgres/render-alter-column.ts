import type { ColumnSnapshot } from '@tidemark/core';
import { renderColumnType } from './column-type.js';
import { usingExpression } from './convert-column.js';
import { enumCheckName } from './constraint-names.js';
import { quoteIdentifier, renderLiteral } from './quote.js';
import { hasEnumCheck, IDENTITY, renderDefault, renderEnumCheck } from './render-column.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * `renderAlterColumn` returns the statements that change column `from` of `table` into `to`, in
 * place. The order matters: the enum CHECK, default and identity that the old type carries go
 * first (PostgreSQL would try to convert them and fail: `'a'::text` is no integer), then the
 * type changes (with a USING conversion where no assignment cast exists), then nullability, and
 * the new default, identity and CHECK come last.
 * @example renderAlterColumn('users', { name: 'age', type: 'i32', nullable: true }, { name: 'age', type: 'i64', nullable: false })
 * // ['ALTER TABLE "users" ALTER COLUMN "age" TYPE bigint', 'ALTER TABLE "users" ALTER COLUMN "age" SET NOT NULL']
 */
export function renderAlterColumn(table: string, from: ColumnSnapshot, to: ColumnSnapshot): string[] {
  const t = quoteIdentifier(table);
  const column = `ALTER TABLE ${t} ALTER COLUMN ${quoteIdentifier(from.name)}`;
  // enum ↔ text keeps the stored type: only the CHECK changes
  const typeChanged = renderColumnType(from) !== renderColumnType(to);
  const oldCheck = hasEnumCheck(from) && (!hasEnumCheck(to) || !same(from.values ?? [], to.values ?? []));
  const newCheck = hasEnumCheck(to) && (!hasEnumCheck(from) || oldCheck);
  const wasAuto = Boolean(from.autoIncrement);
  const isAuto = Boolean(to.autoIncrement);
  const dropDefault = from.default !== undefined && (typeChanged || to.default === undefined || isAuto);
  const setDefault = to.default !== undefined && !isAuto && (dropDefault || !same(from.default, to.default));
  const out: string[] = [];

  if (oldCheck) out.push(`ALTER TABLE ${t} DROP CONSTRAINT ${quoteIdentifier(enumCheckName(table, from.name))}`);
  // a new default of the same type simply replaces the old one (SET DEFAULT below)
  if (dropDefault && (!setDefault || typeChanged)) out.push(`${column} DROP DEFAULT`);
  if (wasAuto && !isAuto) out.push(`${column} DROP IDENTITY`);
  if (typeChanged) {
    const using = usingExpression(from, to);
    out.push(`${column} TYPE ${renderColumnType(to)}${using === undefined ? '' : ` USING ${using}`}`);
  }
  const notNull = !to.nullable || isAuto;
  const wasNotNull = !from.nullable || wasAuto;
  if (notNull && !wasNotNull) out.push(`${column} SET NOT NULL`);
  if (!notNull && wasNotNull) out.push(`${column} DROP NOT NULL`);
  if (setDefault) out.push(`${column} SET DEFAULT ${renderDefault(to, to.default!)}`);
  if (isAuto && !wasAuto) {
    out.push(`${column} ADD ${IDENTITY}`);
    // the new sequence starts at 1: move it past the values the rows already hold
    const c = quoteIdentifier(from.name);
    out.push(`SELECT setval(pg_get_serial_sequence(${renderLiteral(t)}, ${renderLiteral(from.name)}), GREATEST(max(${c}), 0) + 1, false) FROM ${t}`);
  }
  if (newCheck) out.push(`ALTER TABLE ${t} ADD ${renderEnumCheck(table, to)}`);
  return out;
}
