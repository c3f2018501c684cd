import { elementOfTypeName, INDEX_METHODS, isIndexMethod, isPortableType } from '@tidemark/core';
import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';
import type { TidemarkDecorator } from './decorator-name.js';
import { EnumObject, NOW, readLiteral, resolveExpression, type Literal } from './read-literal.js';
import { invalid, unevaluable, type Where } from './where.js';

const LITERAL_HINT =
  'Tidemark reads models without running them: write the value inline as a literal (a string, number, boolean, ' +
  'or an array or object of those), Default.now, an enum member, or () => Model for a relation target';

/** `OptionSpec` says which keys an options object may have and what each must be. @internal */
export type OptionSpec = Readonly<Record<string, readonly [what: string, ok: (v: Literal) => boolean]>>;

/** `is` holds the checks `OptionSpec`s use. @internal */
export const is = {
  string: ['a string', (v: Literal) => typeof v === 'string'],
  number: ['a number', (v: Literal) => typeof v === 'number'],
  names: ['a property name or a list of them', (v: Literal) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))],
  boolean: ['true or false', (v: Literal) => typeof v === 'boolean'],
  portableType: ['a portable type (i32, i64, f64, decimal, string, text, boolean, uuid, date, timestamp, json, bytes, enum) or an array of one (\'string[]\', \'i32[]\'…)', (v: Literal) => isPortableType(v) || elementOfTypeName(v) !== undefined],
  action: ["'cascade', 'restrict', 'set null' or 'no action'", (v: Literal) => typeof v === 'string' && ['cascade', 'restrict', 'set null', 'no action'].includes(v)],
  enforcement: ["'database' or 'application'", (v: Literal) => v === 'database' || v === 'application'],
  indexMethod: [`one of ${INDEX_METHODS.map((m) => `'${m}'`).join(', ')}`, (v: Literal) => isIndexMethod(v)],
  orders: ["an object of property: 'asc' | 'desc'", (v: Literal) => isRecordOf(v, (x) => x === 'asc' || x === 'desc')],
  nullsPlacements: ["an object of property: 'first' | 'last'", (v: Literal) => isRecordOf(v, (x) => x === 'first' || x === 'last')],
  operatorClasses: ["an object of property: 'operator_class'", (v: Literal) => isRecordOf(v, (x) => typeof x === 'string')],
  enumValues: ['a list of strings or a string enum', (v: Literal) => v instanceof EnumObject || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'))],
} as const;

/** An object literal whose every value passes `ok`. */
function isRecordOf(v: Literal, ok: (x: Literal) => boolean): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof EnumObject) && v !== NOW
    && Object.values(v as Record<string, Literal>).every(ok);
}

/** `args` returns the decorator's arguments; a decorator that is not called is an error. @internal */
export function args(dec: TidemarkDecorator, where: Where): readonly ts.Expression[] {
  if (!dec.args) throw invalid(where, dec.node, `@${dec.name} must be called`, `write @${dec.name}()`);
  return dec.args;
}

/** `literalArg` reads argument `index` as a literal (`undefined` when absent); anything else is an error. @internal */
export function literalArg(dec: TidemarkDecorator, index: number, where: Where): Literal | undefined {
  const node = args(dec, where)[index];
  if (!node) return undefined;
  const value = readLiteral(node, where);
  if (value === undefined) {
    const culprit = nonLiteral(node, where);
    throw unevaluable(where, culprit, `@${dec.name} argument \`${culprit.getText()}\` is not a literal`, LITERAL_HINT);
  }
  return value;
}

/** The innermost part of `expr` that is not a literal: `MAX` in `{ length: MAX }`. */
function nonLiteral(expr: ts.Expression, where: Where): ts.Node {
  const inner = tsc.isParenthesizedExpression(expr) || tsc.isAsExpression(expr) || tsc.isSatisfiesExpression(expr) ? expr.expression : undefined;
  if (inner) return nonLiteral(inner, where);
  const parts: readonly ts.Node[] = tsc.isArrayLiteralExpression(expr) ? expr.elements : tsc.isObjectLiteralExpression(expr) ? expr.properties : [];
  for (const part of parts) {
    if (tsc.isPropertyAssignment(part) && (tsc.isIdentifier(part.name) || tsc.isStringLiteral(part.name))) {
      if (readLiteral(part.initializer, where) === undefined) return nonLiteral(part.initializer, where);
    } else if (!tsc.isPropertyAssignment(part) && (!tsc.isExpression(part) || readLiteral(part, where) === undefined)) {
      return tsc.isExpression(part) ? nonLiteral(part, where) : part;
    }
  }
  return expr;
}

/** `optionsArg` reads argument `index` as an options object and checks it against `spec`. @internal */
export function optionsArg(dec: TidemarkDecorator, index: number, spec: OptionSpec, where: Where): Readonly<Record<string, Literal>> {
  const value = literalArg(dec, index, where);
  if (value === undefined) return {};
  const node = args(dec, where)[index]!;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof EnumObject || value === NOW) {
    throw invalid(where, node, `@${dec.name} options must be an object literal`, `write @${dec.name}({ ... })`);
  }
  for (const [key, v] of Object.entries(value as Record<string, Literal>)) {
    const rule = spec[key];
    if (!rule) throw invalid(where, node, `@${dec.name} has no option \`${key}\``, `use ${Object.keys(spec).join(', ')}`);
    if (!rule[1](v)) throw invalid(where, node, `@${dec.name} option \`${key}\` must be ${rule[0]}`, `fix ${key}`);
  }
  return value as Readonly<Record<string, Literal>>;
}

/** `targetArg` reads a relation's `() => Target` and returns the target class name. @internal */
export function targetArg(dec: TidemarkDecorator, where: Where): string {
  const node = args(dec, where)[0];
  const body = node && tsc.isArrowFunction(node) && node.parameters.length === 0 ? node.body : undefined;
  if (!node || !body || !(tsc.isIdentifier(body) || tsc.isPropertyAccessExpression(body))) {
    throw invalid(where, node ?? dec.node, `@${dec.name} needs its target as \`() => Model\``, `write @${dec.name}(() => TargetModel)`);
  }
  const r = resolveExpression(body, where);
  // An import alias names the class by its declared name; an unresolved name is kept as written,
  // and buildSnapshot reports it if no model has that name.
  if (r?.kind === 'declaration' && r.node.name) return r.node.name.text;
  return tsc.isIdentifier(body) ? body.text : body.name.text;
}
