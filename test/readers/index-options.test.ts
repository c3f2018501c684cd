// Index options (README: Models, "Index options") as both readers see them: the same snapshot
// from the fixture's Article model, the same refusals of malformed options, and distinct
// deterministic names for indexes that would share a default name.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { buildSnapshot, isTidemarkError } from '@tidemark/core';
import { readLoadedModels } from '@tidemark/decorators';
import { classesOf, loadModels } from '../../packages/decorators/src/__fixtures__/load-compiled.js';
import { readModelFiles } from '../../packages/generator/src/read/index.js';

const fixture = fileURLToPath(new URL('./fixtures/shop.ts', import.meta.url));
const header = "import { Model, Key, Column, Index, Unique } from '@tidemark/decorators';\n";

/** Both readers' snapshots of one model file's source. */
async function bothReaders(source: string): Promise<{ statically: () => ReturnType<typeof buildSnapshot>; atRunTime: () => ReturnType<typeof buildSnapshot> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tidemark-index-options-'));
  const path = join(dir, 'a.ts');
  writeFileSync(path, source);
  const { module } = await loadModels({ source }, 'legacy+metadata');
  const models = readModelFiles([path]);
  rmSync(dir, { recursive: true, force: true });
  return { statically: () => buildSnapshot(models), atRunTime: () => buildSnapshot(readLoadedModels(classesOf(module))) };
}

describe('index options in both readers', () => {
  it('give the same snapshot, with every option in it', async () => {
    const statically = buildSnapshot(readModelFiles([fixture])).snapshot;
    const { module } = await loadModels({ path: fixture }, 'legacy+metadata');
    const atRunTime = buildSnapshot(readLoadedModels(classesOf(module))).snapshot;
    const articles = (s: typeof statically) => s.tables.find((t) => t.name === 'articles')!.indexes;
    assert.deepStrictEqual(articles(atRunTime), articles(statically));
    assert.deepStrictEqual(articles(statically), [
      // @Unique() keeps the default name; the @Index on the same column gets _2
      { name: 'idx_articles_author_email', columns: ['author_email'], unique: true },
      { name: 'idx_articles_author_email_2', columns: ['author_email'], unique: false },
      { name: 'idx_articles_lower_author_email', columns: [], unique: true, expression: 'lower(author_email)' },
      // NULLS LAST is the default of a descending column, so it is kept
      { name: 'idx_articles_published_at_title', columns: ['published_at', 'title'], unique: false, keyOptions: { published_at: { order: 'desc', nulls: 'last' } } },
      { name: 'idx_articles_title', columns: ['title'], unique: false, using: 'gin', where: 'deleted_at IS NULL', keyOptions: { title: { ops: 'gin_trgm_ops' } } },
    ]);
  });

  it('read @Check into the table, in both readers', async () => {
    const statically = buildSnapshot(readModelFiles([fixture])).snapshot;
    const { module } = await loadModels({ path: fixture }, 'legacy+metadata');
    const atRunTime = buildSnapshot(readLoadedModels(classesOf(module))).snapshot;
    const checks = (s: typeof statically) => s.tables.find((t) => t.name === 'articles')!.checks;
    assert.deepStrictEqual(checks(atRunTime), checks(statically));
    assert.deepStrictEqual(checks(statically), [
      { name: 'published_before_deleted', expression: 'deleted_at IS NULL OR published_at IS NULL OR published_at <= deleted_at' },
      { name: 'title_not_blank', expression: "title <> ''" },
    ]);
    // a model without @Check has no checks field, so older snapshots stay byte-identical
    assert.equal('checks' in statically.tables.find((t) => t.name === 'customers')!, false);
  });

  it('refuse a @Check with a bad name or an empty expression, or two with one name, in both readers', async () => {
    const cases: [decorators: string, problem: RegExp][] = [
      ["@Check('has space', 'id > 0')", /@Check name "has space" is not a plain identifier/],
      ["@Check('positive', ' ')", /@Check positive has an empty expression/],
      ["@Check('positive', 'id > 0')\n@Check('positive', 'id < 9')", /two checks of Doc are named positive/],
    ];
    for (const [decorators, problem] of cases) {
      const source = `import { Model, Key, Column, Check } from '@tidemark/decorators';\n@Model()\n${decorators}\nexport class Doc {\n  @Key() @Column() id!: number;\n}\n`;
      const { statically, atRunTime } = await bothReaders(source);
      for (const [reader, read] of [['static', statically], ['run time', atRunTime]] as const) {
        assert.throws(read, (e: unknown) => isTidemarkError(e, 'TM_MODEL_INVALID') && problem.test(e.message), `${reader}: ${decorators}`);
      }
    }
  });

  it('name indexes that share a default name deterministically, whatever the declaration order', async () => {
    const model = (decorators: string) => `${header}@Model()\n${decorators}\nexport class Doc {\n  @Key() @Column() id!: number;\n  @Unique() @Column() slug!: string;\n}\n`;
    const a = await bothReaders(model("@Index(['slug'], { where: 'id > 0' })\n@Index(['slug'])"));
    const b = await bothReaders(model("@Index(['slug'])\n@Index(['slug'], { where: 'id > 0' })"));
    const names = (s: ReturnType<typeof buildSnapshot>) => s.snapshot.tables[0]!.indexes.map((i) => `${i.name}${i.unique ? ' unique' : ''}${i.where ? ' partial' : ''}`);
    // a plain unique index first, then a plain one, then those with options in declaration order
    assert.deepStrictEqual(names(a.statically()), ['idx_docs_slug unique', 'idx_docs_slug_2', 'idx_docs_slug_3 partial']);
    assert.deepStrictEqual(names(b.statically()), names(a.statically()));
    assert.deepStrictEqual(a.atRunTime().snapshot, a.statically().snapshot);
  });

  it('still refuse the same index declared twice', async () => {
    const { statically, atRunTime } = await bothReaders(`${header}@Model()\n@Index(['slug'])\n@Index(['slug'])\nexport class Doc {\n  @Key() @Column() id!: number;\n  @Column() slug!: string;\n}\n`);
    for (const read of [statically, atRunTime]) {
      assert.throws(read, (e: unknown) => isTidemarkError(e, 'TM_MODEL_INVALID') && /two indexes of Doc are named idx_docs_slug/.test(e.message));
    }
  });

  it('refuse malformed options with the same words in both readers', async () => {
    const cases: [decorator: string, problem: RegExp][] = [
      ["@Index(['slug'], { order: { title: 'desc' } })", /order names title, which the index does not list/],
      ["@Index(['slug'], { where: ' ' })", /where is empty/],
      ["@Index(['slug'], { ops: { slug: 'gin trgm' } })", /ops of slug is "gin trgm"/],
      ["@Index({ expression: '' })", /expression is empty/],
    ];
    for (const [decorator, problem] of cases) {
      const { statically, atRunTime } = await bothReaders(`${header}@Model()\n${decorator}\nexport class Doc {\n  @Key() @Column() id!: number;\n  @Column() slug!: string;\n}\n`);
      for (const [reader, read] of [['static', statically], ['run time', atRunTime]] as const) {
        assert.throws(read, (e: unknown) => {
          assert.ok(isTidemarkError(e, 'TM_MODEL_INVALID'), `${reader}: ${String(e)}`);
          assert.match(e.message, problem, reader);
          return true;
        }, `${reader} accepted ${decorator}`);
      }
    }
  });

  it('the static reader refuses an unknown method at the decorator, naming file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidemark-index-options-'));
    try {
      const path = join(dir, 'a.ts');
      writeFileSync(path, `${header}@Model()\n@Index(['slug'], { using: 'rtree' })\nexport class Doc {\n  @Key() @Column() id!: number;\n  @Column() slug!: string;\n}\n`);
      assert.throws(() => readModelFiles([path]), (e: unknown) => isTidemarkError(e, 'TM_MODEL_INVALID') && e.message.includes('a.ts:3') && /using/.test(e.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
