import 'reflect-metadata';
import { buildSnapshot } from '@tidemark/core';
import { readLoadedModels } from '@tidemark/decorators';
import { readModelFiles } from '../packages/generator/src/read/index.ts';
import { loadModels, classesOf } from '../packages/decorators/src/__fixtures__/load-compiled.ts';
import assert from 'node:assert/strict';
const path = '/work/main/test/readers/fixtures/shop.ts';
const s = buildSnapshot(readModelFiles([path])).snapshot;
const { module } = await loadModels({ path }, 'legacy+metadata');
const r = buildSnapshot(readLoadedModels(classesOf(module))).snapshot;
try { assert.deepStrictEqual(r, s); console.log('EQUAL'); } catch (e) { console.log(String(e).slice(0, 4000)); }
console.log(JSON.stringify(s.tables.map(t => [t.name, t.columns.map(c => c.name).join(',')])));
