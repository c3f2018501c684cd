import type { PulledModel, PulledProperty } from './pulled-model.js';
import { kebabCase } from './pull-names.js';

// Decorators in the order README: Models writes them.
const DECORATOR_ORDER = ['Model', 'Key', 'Auto', 'Column', 'Unique', 'Index', 'Check', 'Default', 'BelongsTo', 'HasMany', 'HasOne'];
const TYPE_ORDER = ['Float', 'Decimal', 'Uuid', 'Text', 'Json', 'Relation'];
const inOrder = (names: ReadonlySet<string>, order: readonly string[]): string[] => order.filter((n) => names.has(n));

function renderProperty(p: PulledProperty): string {
  const head = p.decorators.length ? `${p.decorators.join(' ')} ` : '';
  const mark = p.optional ? '?' : p.initializer !== undefined ? '' : '!';
  return `  ${head}${p.name}${mark}: ${p.type}${p.initializer !== undefined ? ` = ${p.initializer}` : ''};`;
}

/**
 * `renderModel` prints one pulled class as a model file: the imports it uses, the class
 * decorators, one property per line. The same model gives the same bytes (no date, no URL).
 */
export function renderModel(m: PulledModel): string {
  const lines = [`// Pulled from table ${m.table} by \`tidemark migrate:pull\`; edit it like any other model.`];
  lines.push(`import { ${inOrder(m.decoratorImports, DECORATOR_ORDER).join(', ')} } from '@tidemark/decorators';`);
  const types = inOrder(m.typeImports, TYPE_ORDER);
  if (types.length) lines.push(`import type { ${types.join(', ')} } from '@tidemark/decorators';`);
  for (const c of [...m.classImports].sort()) lines.push(`import { ${c} } from './${kebabCase(c)}.js';`);
  lines.push('');
  lines.push(...m.classDecorators);
  lines.push(`export class ${m.className} {`);
  lines.push(...m.properties.map(renderProperty));
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
