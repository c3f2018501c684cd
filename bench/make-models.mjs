// Writes N model files of 20 columns each (every portable type, nullable ones, a foreign key
// chain) and a tidemark.config.json into `dir`, for the benchmarks.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TYPES = ['number', 'string', 'boolean', 'Date', 'bigint', 'Float', 'Decimal', 'Text', 'Uuid', "'a' | 'b' | 'c'"];

/** Writes the models and config; returns `dir`. */
export function makeModels(dir, n) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'models'), { recursive: true });
  // Where generate keeps its cache (node_modules/.cache/tidemark), as in a real project.
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (let i = 0; i < n; i++) {
    const props = ['  @Key() @Auto() id!: number;'];
    for (let c = 1; c < 20; c++) {
      const type = TYPES[c % TYPES.length];
      props.push(c % 4 === 0 ? `  field${c}?: ${type} | null;` : `  field${c}!: ${type};`);
    }
    if (i > 0) props.push(`  @BelongsTo(() => Model${i - 1}) parent?: Model${i - 1};`);
    const imports = i > 0 ? `import { Model${i - 1} } from './model${i - 1}.js';\n` : '';
    writeFileSync(join(dir, 'models', `model${i}.ts`),
      `import { Model, Key, Auto, BelongsTo } from '@tidemark/decorators';\nimport type { Float, Decimal, Text, Uuid } from '@tidemark/decorators';\n${imports}\n@Model()\nexport class Model${i} {\n${props.join('\n')}\n}\n`);
  }
  writeFileSync(join(dir, 'tidemark.config.json'), JSON.stringify({ models: ['models/*.ts'], migrations: 'migrations', url: 'sqlite:bench.db' }));
  return dir;
}
