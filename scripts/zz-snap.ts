import { buildSnapshot } from '@tidemark/core';
import { findModelFiles, readModelFiles } from '../packages/generator/src/read/index.ts';
const cwd = 'packages/generator/src/read/__fixtures__/blog';
const b = buildSnapshot(readModelFiles(findModelFiles(cwd, ['*.ts']), { cwd }));
console.log(JSON.stringify(b, null, 1));
