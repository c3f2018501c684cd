// Writes RandomModels as the TypeScript a user would write, one file per model, so the static
// reader is exercised on every random schema.
import type { ColumnDefault } from '@tidemark/core';
import type { Model, Prop } from './random-models.js';

const TS_TYPE: Record<string, string> = {
  i32: 'number', i64: 'bigint', f64: 'Float', decimal: 'Decimal', string: 'string', text: 'Text', boolean: 'boolean',
  uuid: 'Uuid', date: 'Date', timestamp: 'Date', json: 'Json<Record<string, unknown>>', bytes: 'Uint8Array',
};

const literal = (v: ColumnDefault): string => (typeof v === 'string' ? `'${v}'` : String(v));

function property(p: Prop): string {
  const type = p.kind === 'enum' ? p.values!.map((v) => `'${v}'`).join(' | ') : TS_TYPE[p.kind]!;
  const column = {
    ...(p.kind === 'date' ? { type: `'date'` } : {}),
    ...(p.length !== undefined ? { length: String(p.length) } : {}),
    ...(p.precision !== undefined ? { precision: String(p.precision), scale: String(p.scale) } : {}),
    ...(p.renamedFrom ? { renamedFrom: `'${p.renamedFrom}'` } : {}),
  };
  const decorators = [
    Object.keys(column).length > 0 ? `@Column({ ${Object.entries(column).map(([k, v]) => `${k}: ${v}`).join(', ')} })` : '',
    p.unique ? '@Unique()' : '', p.index ? '@Index()' : '',
  ];
  // literal initialisers where TypeScript allows one; @Default otherwise (bigint, uuid brands, now)
  let init = '';
  if (p.default !== undefined) {
    const viaInitializer = ['i32', 'f64', 'decimal', 'string', 'text', 'boolean', 'enum'].includes(p.kind) && typeof p.default !== 'object';
    if (viaInitializer) init = ` = ${literal(p.default)}`;
    else decorators.push(typeof p.default === 'object' ? '@Default(Default.now)' : `@Default(${literal(p.default)})`);
  }
  const mark = init ? '' : p.optional ? '?' : '!';
  const nullable = p.optional ? ' | null' : '';
  return `  ${decorators.filter(Boolean).join(' ')} ${p.name}${mark}: ${type}${nullable}${init};`.replace(/^ {2} /, '  ');
}

/** `modelSource` is the file for one model. */
export function modelSource(m: Model): string {
  const lines = [
    "import { Model, Key, Auto, Column, Unique, Index, Default, BelongsTo } from '@tidemark/decorators';",
    "import type { Float, Decimal, Uuid, Text, Json } from '@tidemark/decorators';",
    ...[...new Set(m.rels.map((r) => r.target))].filter((t) => t !== m.className).map((t) => `import { ${t} } from './${t}.js';`),
    '',
    `@Model(${m.table ? `{ table: '${m.table}'${m.renamedFrom ? `, renamedFrom: '${m.renamedFrom}'` : ''} }` : ''})`,
    ...m.indexes.map((i) => `@Index([${i.props.map((p) => `'${p}'`).join(', ')}]${i.unique ? ', { unique: true }' : ''})`),
    `export class ${m.className} {`,
    ...(m.key === 'composite'
      ? ['  @Key() k1!: number;', '  @Key() k2!: number;']
      : [`  @Key()${m.key === 'uuid' ? '' : ' @Auto()'} id!: ${m.key === 'uuid' ? 'Uuid' : m.key === 'auto64' ? 'bigint' : 'number'};`]),
    ...m.props.map(property),
    ...m.rels.map((r) => `  @BelongsTo(() => ${r.target}, { onDelete: '${r.onDelete}' }) ${r.name}${r.optional ? '?' : '!'}: ${r.target}${r.optional ? ' | null' : ''};`),
    '}',
    '',
  ];
  return lines.join('\n');
}
