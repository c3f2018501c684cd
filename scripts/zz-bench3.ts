import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createReaderProject } from '../packages/generator/src/read/create-project.ts';
import { ts } from 'ts-morph';
const dir = join(tmpdir(), readdirSync(tmpdir()).filter(d => d.startsWith('tm-bench-'))[0]!, 'models');
const files = readdirSync(dir).map(f => join(dir, f));
const mode = process.argv[2];
const t0 = performance.now();
if (mode === 'raw') for (const f of files) ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, false);
if (mode === 'rawparents') for (const f of files) ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true);
if (mode === 'add') { const p = createReaderProject(); for (const f of files) p.addSourceFileAtPath(f); }
if (mode === 'create') { const p = createReaderProject(); for (const f of files) p.createSourceFile(f, readFileSync(f, 'utf8'), { overwrite: true }); }
console.log(mode, (performance.now() - t0).toFixed(0));
