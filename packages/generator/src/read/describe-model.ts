import type { CheckDescription, ClassIndexDescription, ModelDescription, PropertyDescription } from '@tidemark/core';
import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';
import { classChain } from './class-chain.js';
import { describeProperty } from './describe-property.js';
import type { ModelSources } from './model-sources.js';
import { propertyNameText } from './read-enum.js';
import { readClassDecorators } from './read-class-decorators.js';
import { invalid, lineNumber, type Where } from './where.js';

const isStatic = (m: ts.ClassElement) => (tsc.getModifiers(m as ts.PropertyDeclaration) ?? []).some((x) => x.kind === tsc.SyntaxKind.StaticKeyword);

/**
 * `describeModel` reads one `@Model` class: its class decorators and its instance properties
 * (static members, `#private` fields, accessors and methods are not columns), with those of its
 * base classes (README: Models, "Base classes"): the deepest base's properties and class-level
 * indexes first; a property the subclass declares again replaces the base's declaration (its
 * decorators included) where the base put it, as a constructed instance orders its fields. A
 * base's own `@Model` options (table, renamedFrom) are not inherited.
 * @internal
 */
export function describeModel(cls: ts.ClassDeclaration, sources: ModelSources, isModel: (c: ts.ClassDeclaration) => boolean): ModelDescription {
  const where: Where = { sources, model: cls.name?.text ?? 'default' };
  if (!cls.name) throw invalid(where, cls, 'a model class needs a name', 'name the class: export default class User { ... }');
  const file = sources.relativePath(cls.getSourceFile());
  // Only what comes from another file says where it was declared; the model's own file is the default.
  const from = (node: ts.Node) => {
    const declaredIn = sources.relativePath(node.getSourceFile());
    return declaredIn === file ? {} : { file: declaredIn };
  };
  const properties = new Map<string, PropertyDescription>();
  const indexes: ClassIndexDescription[] = [];
  const checks: CheckDescription[] = [];
  let own: ReturnType<typeof readClassDecorators> | undefined;
  for (const level of classChain(cls, where)) {
    const decorators = readClassDecorators(level.cls, where);
    if (level.cls === cls) own = decorators;
    indexes.push(...decorators.indexes.map((i) => ({ ...i, ...from(level.cls) })));
    checks.push(...decorators.checks);
    for (const m of level.cls.members) {
      if (!tsc.isPropertyDeclaration(m) || isStatic(m) || tsc.isPrivateIdentifier(m.name)) continue;
      const property = { ...where, property: propertyNameText(m.name) };
      if (tsc.isComputedPropertyName(m.name)) throw invalid(property, m.name, 'a computed property name cannot be a column', 'use a plain property name');
      properties.set(property.property, { ...describeProperty(m, property, isModel, level.env), ...from(m) });
    }
  }
  return {
    className: cls.name.text,
    file,
    line: lineNumber(cls.name),
    ...(own?.table !== undefined ? { table: own.table } : {}),
    ...(own?.renamedFrom !== undefined ? { renamedFrom: own.renamedFrom } : {}),
    indexes,
    ...(checks.length > 0 ? { checks } : {}),
    properties: [...properties.values()],
  };
}
