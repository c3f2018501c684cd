// Golden test of `migrate:pull`'s code, without a server: the fixed schema of pull-schema.ts
// written as model files is compared byte for byte with expected/pull/*.ts, and the notes with
// expected/pull/notes.txt. The files must read back (static reader + buildSnapshot) as the
// schema itself, less what the notes list. After an intended change, regenerate with
// TIDEMARK_UPDATE_GOLDEN=1 and review the diff.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { pullModels } from '@tidemark/generator';
import { pullSchema } from './pull-schema.js';

const dir = new URL('./expected/pull/', import.meta.url);

test('a schema pulls as expected/pull/*.ts, the same bytes every time, with the notes of expected/pull/notes.txt', async () => {
  const result = await pullModels(pullSchema);
  const notes = `${result.notes.map((n) => `${n.kind}: ${n.object}: ${n.problem}`).join('\n')}\n`;
  if (process.env.TIDEMARK_UPDATE_GOLDEN === '1') {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const f of result.files) writeFileSync(new URL(f.fileName, dir), f.text);
    writeFileSync(new URL('notes.txt', dir), notes);
  }
  assert.deepEqual(result.files.map((f) => f.fileName), readdirSync(dir).filter((f) => f.endsWith('.ts')).sort());
  for (const f of result.files) assert.equal(f.text, readFileSync(new URL(f.fileName, dir), 'utf8'), f.fileName);
  assert.equal(notes, readFileSync(new URL('notes.txt', dir), 'utf8'));
  const again = await pullModels(pullSchema);
  assert.deepEqual(again, result);
});
