import type { ColumnDefault, ColumnOptions, RelationDescription, RelationOptions } from '@tidemark/core';
import type { ts } from 'ts-morph';
import { args, is, literalArg, optionsArg, targetArg, type OptionSpec } from './decorator-args.js';
import { decoratorsOf, tidemarkDecorator } from './decorator-name.js';
import { refuseUnknownDecorator } from './unknown-decorator.js';
import { EnumObject, NOW } from './read-literal.js';
import { invalid, type Where } from './where.js';

const COLUMN: OptionSpec = {
  name: is.string, type: is.portableType, length: is.number, precision: is.number, scale: is.number,
  nullable: is.boolean, renamedFrom: is.string, enum: is.enumValues,
};
const UNIQUE: OptionSpec = { enforced: is.enforcement, concurrently: is.boolean };
const INDEX: OptionSpec = { concurrently: is.boolean };
const BELONGS_TO: OptionSpec = { key: is.names, references: is.names, index: is.boolean, onDelete: is.action, onUpdate: is.action, nullable: is.boolean, name: is.string };

/** `PropertyDecorators` is what a property's decorators say. @internal */
export interface PropertyDecorators {
  key?: true;
  auto?: true;
  unique?: true;
  index?: true;
  applicationEnforced?: true;
  concurrently?: true;
  ignore?: true;
  column?: ColumnOptions;
  /** `@Column({ enum })`: the values, which override the declared type's. */
  enumValues?: readonly string[];
  default?: ColumnDefault;
  relation?: RelationDescription;
  /** `@BelongsTo(..., { nullable })`. */
  nullable?: boolean;
}

/**
 * `readPropertyDecorators` reads a property's @tidemark/decorators decorators; their arguments
 * must be literals. Decorators of other libraries are skipped.
 * @internal
 */
export function readPropertyDecorators(prop: ts.PropertyDeclaration, where: Where): PropertyDecorators {
  const out: PropertyDecorators = {};
  for (const node of decoratorsOf(prop)) {
    const dec = tidemarkDecorator(node, where);
    if (!dec) {
      refuseUnknownDecorator(node, where);
      continue;
    }
    switch (dec.name) {
      case 'Key': args(dec, where); out.key = true; break;
      case 'Auto': args(dec, where); out.auto = true; break;
      case 'Unique': {
        const { enforced, concurrently } = optionsArg(dec, 0, UNIQUE, where) as { enforced?: string; concurrently?: boolean };
        out.unique = true;
        if (enforced === 'application') out.applicationEnforced = true;
        if (concurrently) out.concurrently = true;
        break;
      }
      case 'Ignore': args(dec, where); out.ignore = true; break;
      case 'Index': {
        if (Array.isArray(literalArg(dec, 0, where))) {
          throw invalid(where, dec.node, '@Index(columns) belongs on the class', 'write @Index() on the property, or move @Index([...]) to the class');
        }
        const { concurrently } = optionsArg(dec, 0, INDEX, where) as { concurrently?: boolean };
        out.index = true;
        if (concurrently) out.concurrently = true;
        break;
      }
      case 'Column': {
        const { enum: values, ...column } = optionsArg(dec, 0, COLUMN, where);
        out.column = { ...out.column, ...(column as ColumnOptions) };
        if (values !== undefined) out.enumValues = values instanceof EnumObject ? values.values : [...new Set(values as string[])];
        break;
      }
      case 'Default': {
        const value = literalArg(dec, 0, where);
        const scalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
        if (value !== NOW && !scalar(value) && !(Array.isArray(value) && value.every(scalar))) {
          throw invalid(where, dec.node, '@Default needs a string, number or boolean literal, a list of them (array columns), or Default.now', "write @Default(0), @Default('x'), @Default(['a']) or @Default(Default.now)");
        }
        out.default = value as ColumnDefault;
        break;
      }
      case 'BelongsTo': {
        const target = targetArg(dec, where);
        const { nullable, ...options } = optionsArg(dec, 1, BELONGS_TO, where) as RelationOptions & { nullable?: boolean };
        out.relation = { kind: 'belongsTo', target, ...(Object.keys(options).length ? { options } : {}) };
        if (nullable !== undefined) out.nullable = nullable;
        break;
      }
      case 'HasMany':
      case 'HasOne':
        out.relation = { kind: dec.name === 'HasMany' ? 'hasMany' : 'hasOne', target: targetArg(dec, where) };
        break;
      case 'Model':
      case 'Check':
        throw invalid(where, dec.node, `@${dec.name}() belongs on a class, not a property`, `move @${dec.name}() to the class`);
    }
  }
  return out;
}
