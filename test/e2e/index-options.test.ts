// Index options through the CLI (README: Models, "Index options"): generate, apply, check the
// live database against the models with no false drift (PostgreSQL rewrites predicates and
// expressions), change an option (drop + create), and roll back; and the generate-time refusal
// of an option the target backend cannot build, naming the backend and the model's file and line.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'vitest';
import { HARNESSES, type TestDatabase } from '../backends/index.js';
import { createProject, type TempProject } from '../support/project.js';

const HEADER = "import { Model, Key, Column, Unique, Index } from '@tidemark/decorators';\n";
const article = (indexes: string, unique = '@Unique()') => `${HEADER}@Model()\n${indexes}\nexport class Article {
  @Key() @Column() id!: number;
  @Column({ length: 200 }) title!: string;
  ${unique} @Column({ length: 120 }) authorEmail!: string;
  @Column({ nullable: true }) publishedAt?: Date;
  @Column({ nullable: true }) deletedAt?: Date;
}\n`;

let project: TempProject | undefined;
let db: TestDatabase | undefined;
afterEach(async () => {
  await project?.cleanup();
  await db?.dispose();
  project = undefined;
  db = undefined;
});

const ok = (r: { code: number; stdout: string; stderr: string }, what: string) => assert.equal(r.code, 0, `${what}: ${r.stderr}${r.stdout}`);

const postgres = HARNESSES.find((h) => h.name === 'postgres')!;
const sqlite = HARNESSES.find((h) => h.name === 'sqlite')!;

describe('index options on PostgreSQL', async () => {
  const unreachable = await postgres.unreachable();
  test('generate, up, check clean, change a predicate (drop + create), check clean, down', { skip: unreachable }, async () => {
    db = await postgres.create();
    project = await createProject(db.url);
    await project.write('models/article.ts', article(''));
    ok(await project.run(['migrate:generate', '-m', 'articles']), 'generate the table');
    // the operator class gin_trgm_ops comes with pg_trgm: a hand-written migration creates it first
    ok(await project.run(['migrate:generate', '-m', 'pg_trgm', '--empty']), 'generate --empty');
    const ext = (await project.migrations())[1]!;
    const text = await project.read(`migrations/${ext}`);
    await project.write(`migrations/${ext}`, text.replace(/async up\(db\) \{\n/, "async up(db) {\n    await db.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm');\n"));
    await project.write('models/article.ts', article([
      "@Index(['title'], { using: 'gin', ops: { title: 'gin_trgm_ops' }, where: 'deleted_at IS NULL' })",
      "@Index(['authorEmail'], { where: \"author_email LIKE '%@example.com'\" })",
      "@Index(['publishedAt', 'title'], { order: { publishedAt: 'desc' }, nulls: { publishedAt: 'last' } })",
      "@Index({ expression: 'lower(author_email)', unique: true })",
    ].join('\n')));
    ok(await project.run(['migrate:generate', '-m', 'article indexes']), 'generate');
    const second = (await project.migrations())[2]!;
    const generated = await project.read(`migrations/${second}`);
    assert.match(generated, /using: 'gin'/);
    assert.match(generated, /expression: 'lower\(author_email\)'/);
    ok(await project.run(['migrate:up']), 'up');
    ok(await project.run(['migrate:check']), 'check (models)');
    ok(await project.run(['migrate:check', '--url', db.url]), 'check --url');
    const defs = await db.connection.applier.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles' ORDER BY indexname") as { indexname: string; indexdef: string }[];
    const def = (name: string) => defs.find((d) => d.indexname === name)?.indexdef ?? '';
    assert.match(def('idx_articles_title'), /USING gin \(title gin_trgm_ops\) WHERE \(deleted_at IS NULL\)/);
    assert.match(def('idx_articles_published_at_title'), /\(published_at DESC NULLS LAST, title\)/);
    assert.match(def('idx_articles_lower_author_email'), /UNIQUE INDEX .* \(lower\(\(author_email\)::text\)\)/);
    assert.match(def('idx_articles_author_email_2'), /WHERE \(\(author_email\)::text ~~ '%@example.com'::text\)/);
    assert.match(def('idx_articles_author_email'), /UNIQUE INDEX/);

    // a changed predicate is drop + create of that index only
    await project.write('models/article.ts', article([
      "@Index(['title'], { using: 'gin', ops: { title: 'gin_trgm_ops' }, where: 'deleted_at IS NULL AND published_at IS NOT NULL' })",
      "@Index(['authorEmail'], { where: \"author_email LIKE '%@example.com'\" })",
      "@Index(['publishedAt', 'title'], { order: { publishedAt: 'desc' }, nulls: { publishedAt: 'last' } })",
      "@Index({ expression: 'lower(author_email)', unique: true })",
    ].join('\n')));
    ok(await project.run(['migrate:generate', '-m', 'narrow title index']), 'generate change');
    const third = await project.read(`migrations/${(await project.migrations())[3]!}`);
    const up = third.slice(third.indexOf('async up'), third.indexOf('async down'));
    assert.deepStrictEqual([...up.matchAll(/db\.(\w+)\('articles', (?:\{ name: )?'(\w+)'/g)].map((m) => `${m[1]} ${m[2]}`), ['dropIndex idx_articles_title', 'createIndex idx_articles_title']);
    ok(await project.run(['migrate:up']), 'up change');
    ok(await project.run(['migrate:check', '--url', db.url]), 'check --url after the change');
    await db.insert('articles', [{ id: 1, title: 'a', author_email: 'A@x', published_at: null, deleted_at: null }]);
    await assert.rejects(db.insert('articles', [{ id: 2, title: 'b', author_email: 'a@X', published_at: null, deleted_at: null }]));

    ok(await project.run(['migrate:down', '--steps', '1']), 'down the change');
    ok(await project.run(['migrate:check', '--url', db.url]), 'check --url after down');
    assert.equal(await db.count('articles'), 1);
    ok(await project.run(['migrate:down', '--steps', '1']), 'down the indexes');
    ok(await project.run(['migrate:check', '--url', db.url]), 'check --url after down');
    assert.deepStrictEqual((await db.connection.introspect()).tables[0]!.indexes.map((i) => i.name), ['idx_articles_author_email']);
    ok(await project.run(['migrate:down', '--steps', '2', '--allow-destructive']), 'down the table');
    assert.deepStrictEqual((await db.connection.introspect()).tables, []);
  });
});

describe('index options on SQLite', () => {
  test('partial, expression and descending indexes: generate, up, check clean, down', async () => {
    db = await sqlite.create();
    project = await createProject(db.url);
    await project.write('models/article.ts', article([
      "@Index(['title'], { where: 'deleted_at IS NULL' })",
      "@Index(['publishedAt', 'title'], { order: { publishedAt: 'desc' } })",
      "@Index({ expression: 'lower(author_email)', unique: true })",
    ].join('\n')));
    ok(await project.run(['migrate:generate', '-m', 'articles']), 'generate');
    ok(await project.run(['migrate:up']), 'up');
    ok(await project.run(['migrate:check', '--url', db.url]), 'check --url');
    await db.insert('articles', [{ id: 1, title: 'a', author_email: 'A@x', published_at: null, deleted_at: null }]);
    await assert.rejects(db.insert('articles', [{ id: 2, title: 'b', author_email: 'a@X', published_at: null, deleted_at: null }]));
    ok(await project.run(['migrate:down', '--steps', '1', '--allow-destructive']), 'down');
  });
});

describe('an index option the target cannot build', () => {
  const cases: [url: string, indexes: string, words: RegExp, unique?: string][] = [
    ['sqlite:app.db', "@Index(['title'], { using: 'gin' })", /sqlite cannot build index idx_articles_title on articles using gin/],
    ['mysql://root@localhost:1/app', "@Index(['title'], { where: 'deleted_at IS NULL' })", /mysql cannot build index idx_articles_title on articles with a where clause \(a partial index\)/],
    ['mysql://root@localhost:1/app', "@Index({ expression: 'lower(title)' })", /mysql cannot build index idx_articles_lower_title on articles on the expression lower\(title\)/],
    ['dynamodb://localhost:1', "@Index(['title'], { order: { title: 'desc' } })", /dynamodb cannot build index idx_articles_title on articles in descending order/, "@Unique({ enforced: 'application' })"],
    ['sqlite:app.db', "@Index(['publishedAt'], { nulls: { publishedAt: 'first' } })", /sqlite cannot build index idx_articles_published_at on articles with NULLS FIRST/],
  ];
  for (const [url, indexes, words, unique] of cases) {
    test(`${url.split(':')[0]}: ${indexes}`, async () => {
      project = await createProject(url);
      await project.write('models/article.ts', article(indexes, unique));
      const r = await project.run(['migrate:generate', '-m', 'articles']);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /TM_UNSUPPORTED_OPERATION/);
      // the model's file and the decorator's line (line 3: after the import and @Model())
      assert.match(r.stderr, /models\/article\.ts:3 \(Article\): /);
      assert.match(r.stderr, words);
      assert.deepStrictEqual(await project.migrations(), []);
    });
  }
});
