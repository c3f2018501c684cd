import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ts } from 'ts-morph';
import { createReaderProject } from '../packages/generator/src/read/create-project.ts';
import { ModelSources } from '../packages/generator/src/read/model-sources.ts';
import { describeModel } from '../packages/generator/src/read/describe-model.ts';
import { decoratorsOf } from '../packages/generator/src/read/decorator-name.ts';
import { isModelClass } from '../packages/generator/src/read/read-class-decorators.ts';
const dir = join(tmpdir(), readdirSync(tmpdir()).filter(d => d.startsWith('tm-bench-'))[0]!, 'models');
const files = readdirSync(dir).map(f => join(dir, f));
for (let r = 0; r < 2; r++) {
const t0 = performance.now();
const sources = new ModelSources(createReaderProject(), dir);
for (const f of files) sources.add(f);
const t1 = performance.now();
const models: ts.ClassDeclaration[] = [];
for (const file of sources.listed) for (const st of file.statements) if (ts.isClassDeclaration(st) && decoratorsOf(st).length > 0 && isModelClass(st, { sources, model: 'x' })) models.push(st);
const t2 = performance.now();
const set = new Set(models);
models.map((c) => describeModel(c, sources, (x) => set.has(x)));
const t3 = performance.now();
console.log({ parse: (t1 - t0).toFixed(0), find: (t2 - t1).toFixed(0), describe: (t3 - t2).toFixed(0) });
}
