import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModelFiles, findModelFiles } from '../packages/generator/src/read/index.ts';
import { buildSnapshot } from '@tidemark/core';
const dir = mkdtempSync(join(tmpdir(), 'tm-bench-'));
mkdirSync(join(dir, 'models'));
const N = 1000;
for (let i = 0; i < N; i++) {
  const cols = [];
  for (let c = 0; c < 17; c++) {
    const t = ['string', 'number', 'boolean', 'Date', 'Text', "'a' | 'b'", 'Json<string[]>', 'Float'][c % 8];
    cols.push(`  ${c % 3 === 0 ? '@Column() ' : ''}col${c}${c % 4 === 0 ? '?' : '!'}: ${t};`);
  }
  const prev = i > 0 ? `  @BelongsTo(() => Model${i - 1}) parent!: Model${i - 1};\n  parentId!: number;\n` : '  extra!: number;\n  extra2!: string;\n';
  writeFileSync(join(dir, 'models', `model${i}.ts`), `import { Model, Key, Auto, Column, BelongsTo } from '@tidemark/decorators';
import type { Text, Json, Float } from '@tidemark/decorators';
${i > 0 ? `import { Model${i - 1} } from './model${i - 1}.js';\n` : ''}
@Model()
export class Model${i} {
  @Key() @Auto() id!: number;
${prev}${cols.join('\n')}
}
`);
}
const runs = [];
for (let r = 0; r < 4; r++) {
  const t0 = performance.now();
  const files = findModelFiles(dir, ['models/**/*.ts']);
  const t1 = performance.now();
  const models = readModelFiles(files, { cwd: dir });
  const t2 = performance.now();
  const snap = buildSnapshot(models);
  const t3 = performance.now();
  runs.push({ glob: (t1 - t0).toFixed(0), read: (t2 - t1).toFixed(0), build: (t3 - t2).toFixed(0), models: models.length, cols: models.reduce((n, m) => n + m.properties.length, 0), tables: snap.snapshot.tables.length });
}
console.table(runs);
