import type { ModelDescription } from '@tidemark/core';
import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';
import { describeProperty } from './describe-property.js';
import type { ModelSources } from './model-sources.js';
import { propertyNameText } from './read-enum.js';
import { readClassDecorators } from './read-class-decorators.js';
import { invalid, lineNumber, type Where } from './where.js';

const isStatic = (m: ts.ClassElement) => (tsc.getModifiers(m as ts.PropertyDeclaration) ?? []).some((x) => x.kind === tsc.SyntaxKind.StaticKeyword);

/**
 * `describeModel` reads one `@Model` class: its class decorators and its instance properties
 * (static members, `#private` fields, accessors and methods are not columns). Inheritance is
 * refused, as the run-time reader refuses it, rather than silently dropping the parent's columns.
 * @internal
 */
export function describeModel(cls: ts.ClassDeclaration, sources: ModelSources, isModel: (c: ts.ClassDeclaration) => boolean): ModelDescription {
  const where: Where = { sources, model: cls.name?.text ?? 'default' };
  if (!cls.name) throw invalid(where, cls, 'a model class needs a name', 'name the class: export default class User { ... }');
  const className = cls.name.text;
  const base = cls.heritageClauses?.find((h) => h.token === tsc.SyntaxKind.ExtendsKeyword)?.types[0];
  if (base) {
    throw invalid(where, base, `model ${className} extends ${base.expression.getText()}; Tidemark does not read inherited properties`, `declare the properties on ${className} itself`);
  }
  const decorators = readClassDecorators(cls, where);
  const properties = cls.members
    .filter((m): m is ts.PropertyDeclaration => tsc.isPropertyDeclaration(m) && !isStatic(m) && !tsc.isPrivateIdentifier(m.name))
    .map((p) => {
      const property = { ...where, property: propertyNameText(p.name) };
      if (tsc.isComputedPropertyName(p.name)) throw invalid(property, p.name, 'a computed property name cannot be a column', 'use a plain property name');
      return describeProperty(p, property, isModel);
    });
  return {
    className,
    file: sources.relativePath(cls.getSourceFile()),
    line: lineNumber(cls.name),
    ...(decorators.table !== undefined ? { table: decorators.table } : {}),
    ...(decorators.renamedFrom !== undefined ? { renamedFrom: decorators.renamedFrom } : {}),
    indexes: decorators.indexes,
    ...(decorators.checks.length > 0 ? { checks: decorators.checks } : {}),
    properties,
  };
}
