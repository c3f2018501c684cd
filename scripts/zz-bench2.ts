import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createReaderProject } from '../packages/generator/src/read/create-project.ts';
import { ts } from 'ts-morph';
const dir = join(tmpdir(), readdirSync(tmpdir()).filter(d => d.startsWith('tm-bench-'))[0]!, 'models');
const files = readdirSync(dir).map(f => join(dir, f));
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  const p = createReaderProject();
  for (const f of files) p.addSourceFileAtPath(f);
  const t1 = performance.now();
  let n = 0;
  for (const sf of p.getSourceFiles()) for (const st of sf.getStatements()) n++;
  const t2 = performance.now();
  let m = 0;
  for (const sf of p.getSourceFiles()) for (const c of sf.getClasses()) for (const pr of c.getProperties()) { pr.getDecorators(); pr.getTypeNode(); m++; }
  const t3 = performance.now();
  const t4 = performance.now();
  for (const f of files) ts.createSourceFile(f, ts.sys.readFile(f)!, ts.ScriptTarget.ES2022, true);
  const t5 = performance.now();
  console.log({ add: (t1 - t0).toFixed(0), statements: (t2 - t1).toFixed(0), props: (t3 - t2).toFixed(0), rawParse: (t5 - t4).toFixed(0), n, m });
}
