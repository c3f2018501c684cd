// Fleets (README: Fleets): one `migrate:up --targets` over many databases or PostgreSQL schemas.
// The same case runs on every SQL backend with the sizes the issue names: a failing target never
// stops the others, the report says where it failed, and once it is fixed a re-run does only
// what is left. Then what only processes can show: Ctrl-C, and two fleet runs at once.
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect, readTargets } from '@tidemark/cli';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { backendsUnderTest, type BackendHarness, type TestDatabase } from '../backends/index.js';
import { describeRun, ensureBin, runBin, startBin } from '../support/cli-process.js';
import { createProject, type CliResult, type TempProject } from '../support/project.js';

const HEADER = "import { Model, Key, Auto } from '@tidemark/decorators';\n";
const USER = `${HEADER}@Model() export class User { @Key() @Auto() id!: number; name!: string; }\n`;
const POST = `${HEADER}@Model() export class Post { @Key() @Auto() id!: number; title!: string; }\n`;

/** How many targets each backend's fleet has (issue 13), and how they are laid out. */
const SIZES: Partial<Record<string, number>> = { sqlite: 50, postgres: 200, mysql: 20 };

interface Fleet {
  /** The `--targets` file's text. */
  readonly text: string;
  readonly urls: readonly string[];
  dispose(): Promise<void>;
}

/**
 * `makeFleet` lays out `size` targets: a database each, except on PostgreSQL, where one database
 * holds a schema per tenant, listed in the JSON form `{ url, schemas }`.
 */
async function makeFleet(harness: BackendHarness, size: number): Promise<Fleet> {
  const names = Array.from({ length: size }, (_, i) => `tenant_${String(i + 1).padStart(3, '0')}`);
  if (harness.name === 'postgres') {
    const db = await harness.create();
    const text = JSON.stringify([{ url: db.url, schemas: names }]);
    const urls = (await readTargets('-', process.cwd(), async () => text)).map((t) => t.url);
    return { text, urls, dispose: () => db.dispose() };
  }
  const dbs: TestDatabase[] = [];
  for (let i = 0; i < size; i++) dbs.push(await harness.create());
  return { text: `# ${size} tenants\n${dbs.map((d) => d.url).join('\n')}\n`, urls: dbs.map((d) => d.url), dispose: async () => { for (const d of dbs) await d.dispose(); } };
}

/** Runs one native statement on a target, bypassing the migrations (to break or mend it). */
async function onTarget(url: string, sql: string): Promise<void> {
  const connection = await connect(url);
  try {
    await connection.applier.execute(sql);
  } finally {
    await connection.close();
  }
}

function json(r: CliResult): { ok: boolean; counts: Record<string, number>; targets: { target: string; outcome: string; applied: string[]; pending: string[]; failure?: { code: string; migration?: string; step?: number } }[] } {
  return JSON.parse(r.stdout);
}

const ids = async (project: TempProject): Promise<string[]> => (await project.migrations()).map((f) => f.replace(/\.ts$/, ''));

for (const { harness, skip } of await backendsUnderTest()) {
  const size = SIZES[harness.name];
  if (size === undefined) continue;
  describe(`a fleet of ${size} ${harness.name} targets`, { skip: Boolean(skip) }, () => {
    let project: TempProject;
    let fleet: Fleet;
    beforeAll(async () => {
      project = await createProject();
      await project.write('models/user.ts', USER);
      assert.equal((await project.run(['migrate:generate', '-m', 'users'])).code, 0);
      await project.write('models/post.ts', POST);
      assert.equal((await project.run(['migrate:generate', '-m', 'posts'])).code, 0);
      fleet = await makeFleet(harness, size);
      await project.write('targets.txt', fleet.text);
    });
    afterAll(async () => {
      await fleet?.dispose();
      await project?.cleanup();
    });

    test('with concurrency 16, one failing target stops no other; fixed, a re-run applies only what it lacks', async () => {
      const [users, posts] = await ids(project);
      const broken = fleet.urls[Math.floor(size / 2)]!;
      // a table in the way: the second migration's createTable fails there, and only there
      await onTarget(broken, 'CREATE TABLE posts (id INTEGER)');

      const first = await project.run(['migrate:up', '--targets', 'targets.txt', '--concurrency', '16', '--json']);
      assert.equal(first.code, 1, first.stdout + first.stderr);
      const report = json(first);
      assert.equal(report.ok, false);
      assert.deepEqual(report.counts, { applied: size - 1, failed: 1 });
      assert.equal(report.targets.length, size);
      const failed = report.targets.filter((t) => t.outcome === 'failed');
      assert.equal(failed.length, 1);
      assert.equal(failed[0]!.failure!.code, 'TM_MIGRATION_INVALID', JSON.stringify(failed[0]));
      assert.equal(failed[0]!.failure!.migration, posts);
      assert.equal(failed[0]!.failure!.step, 1);
      assert.deepEqual(failed[0]!.applied, [users], 'the migration before the failing one is applied and reported');
      for (const t of report.targets.filter((x) => x.outcome === 'applied')) assert.deepEqual(t.applied, [users, posts]);

      const status = json(await project.run(['migrate:status', '--targets', 'targets.txt', '--concurrency', '16', '--json']));
      // the failure is recorded on that target (nothing of it kept: step 1 failed), as on a single database
      assert.deepEqual(status.counts, { current: size - 1, failed: 1 });
      const recorded = status.targets.find((t) => t.outcome === 'failed')!;
      assert.deepEqual([recorded.failure!.migration, recorded.pending], [posts, []]);

      await onTarget(broken, 'DROP TABLE posts');
      const again = await project.run(['migrate:up', '--targets', 'targets.txt', '--concurrency', '16', '--json']);
      assert.equal(again.code, 0, again.stdout + again.stderr);
      const second = json(again);
      assert.deepEqual(second.counts, { current: size - 1, applied: 1 });
      assert.deepEqual(second.targets.find((t) => t.outcome === 'applied')!.applied, [posts]);

      // the database's own catalog: every target has both tables, and each migration once
      for (const url of [broken, fleet.urls[0]!, fleet.urls.at(-1)!]) {
        const connection = await connect(url, { readOnly: true });
        try {
          assert.deepEqual((await connection.introspect()).tables.map((t) => t.name), ['posts', 'users']);
          assert.deepEqual((await connection.history.list()).map((r) => [r.id, r.outcome]), [[users, 'applied'], [posts, 'applied']]);
        } finally {
          await connection.close();
        }
      }
      const check = await project.run(['migrate:check', '--targets', 'targets.txt', '--concurrency', '16']);
      assert.equal(check.code, 0, check.stdout + check.stderr);
      assert.match(check.stdout, new RegExp(`✅ ${size} target\\(s\\): ${size} current`));
    });
  });
}

describe('fleet runs as processes (SQLite)', () => {
  let project: TempProject;
  beforeAll(async () => {
    ensureBin();
    project = await createProject();
    await project.write('models/user.ts', USER);
    assert.equal((await project.run(['migrate:generate', '-m', 'users'])).code, 0);
    // a slow hand-written migration, so a run is caught in the middle
    assert.equal((await project.run(['migrate:generate', '--empty', '-m', 'slow'])).code, 0);
    const slow = join(project.dir, 'migrations', (await readdir(join(project.dir, 'migrations'))).find((f) => f.endsWith('_slow.ts'))!);
    await writeFile(slow, (await readFile(slow, 'utf8')).replace(/async up\(db\) \{\n[^\n]*\n/, 'async up(db) {\n    await new Promise((r) => setTimeout(r, 400));\n'));
    await project.write('targets.txt', Array.from({ length: 12 }, (_, i) => `sqlite:tenants/t${i}.db`).join('\n'));
    await project.write('tenants/.keep', '');
  });
  afterAll(async () => { await project?.cleanup(); });

  test('Ctrl-C starts no new target, lets the running ones finish their migration, and a re-run does the rest', async () => {
    const args = ['migrate:up', '--targets', 'targets.txt', '--concurrency', '2'];
    const run = startBin(project.dir, args);
    await run.printed('[2/12]');
    run.child.kill('SIGINT');
    const r = await run.done;
    assert.equal(r.code, 130, describeRun(args, r));
    assert.match(r.stderr, /stopping: no new target starts/);
    assert.match(r.stdout, /not started/);
    assert.doesNotMatch(r.stdout, /FAILED/);

    const status = await runBin(project.dir, ['migrate:status', '--targets', 'targets.txt', '--json']);
    const report = JSON.parse(status.stdout) as { counts: Record<string, number> };
    assert.equal(report.counts.failed, undefined, 'no target was cut part-way');
    assert.ok((report.counts.pending ?? 0) > 0 && (report.counts.current ?? 0) >= 2, status.stdout);

    const rest = await runBin(project.dir, ['migrate:up', '--targets', 'targets.txt', '--concurrency', '4', '--json']);
    assert.equal(rest.code, 0, describeRun(args, rest));
    const counts = (JSON.parse(rest.stdout) as { counts: Record<string, number> }).counts;
    assert.equal((counts.applied ?? 0) + (counts.current ?? 0), 12);
    assert.equal(counts.applied, report.counts.pending);
  });

  test('two fleet runs at once apply each migration exactly once on every target', async () => {
    await project.write('targets2.txt', Array.from({ length: 16 }, (_, i) => `sqlite:tenants/u${i}.db`).join('\n'));
    const args = ['migrate:up', '--targets', 'targets2.txt', '--concurrency', '4', '--json'];
    const [a, b] = await Promise.all([runBin(project.dir, args), runBin(project.dir, args)]);
    assert.equal(a.code, 0, describeRun(args, a));
    assert.equal(b.code, 0, describeRun(args, b));
    const outcomes = (r: typeof a): Map<string, string> => new Map((JSON.parse(r.stdout) as { targets: { target: string; outcome: string }[] }).targets.map((t) => [t.target, t.outcome]));
    const [ra, rb] = [outcomes(a), outcomes(b)];
    for (const [target, outcome] of ra) {
      assert.deepEqual([outcome, rb.get(target)].sort(), ['applied', 'current'], `${target}: one run applies, the other finds it current`);
    }
    for (let i = 0; i < 16; i++) {
      const connection = await connect(`sqlite:${join(project.dir, `tenants/u${i}.db`)}`, { readOnly: true });
      try {
        assert.equal((await connection.history.list()).filter((h) => h.outcome === 'applied').length, 2);
      } finally {
        await connection.close();
      }
    }
  });

  test('a bad targets list is refused before anything runs, naming the file and line', async () => {
    await project.write('bad.txt', 'sqlite:tenants/x1.db\nnot a url\n');
    const bad = await project.run(['migrate:up', '--targets', 'bad.txt']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /TM_CONFIG_INVALID.*targets bad\.txt:2: is not a database URL/);
    await project.write('dup.txt', 'sqlite:tenants/x1.db\n# again\nsqlite:tenants/x1.db\n');
    const dup = await project.run(['migrate:up', '--targets', 'dup.txt']);
    assert.equal(dup.code, 2);
    assert.match(dup.stderr, /dup\.txt:3: lists sqlite:tenants\/x1\.db again \(first at dup\.txt:1\)/);
    await project.write('schemas.json', JSON.stringify([{ url: 'sqlite:tenants/x1.db', schemas: ['a'] }]));
    const schemas = await project.run(['migrate:up', '--targets', 'schemas.json']);
    assert.equal(schemas.code, 2);
    assert.match(schemas.stderr, /"schemas" applies to PostgreSQL/);
    const both = await project.run(['migrate:up', '--targets', 'bad.txt', '--url', 'sqlite:x.db']);
    assert.equal(both.code, 2);
    assert.deepEqual((await readdir(join(project.dir, 'tenants'))).filter((f) => f.startsWith('x')), [], 'nothing was created');
  });

  test('--targets cmd:<command> reads the targets from a command', async () => {
    const r = await project.run(['migrate:status', '--targets', 'cmd:cat targets2.txt', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { counts: Record<string, number> }).counts.current, 16);
    const failing = await project.run(['migrate:status', '--targets', 'cmd:exit 7']);
    assert.equal(failing.code, 2);
    assert.match(failing.stderr, /the targets command `exit 7` failed \(exit 7\)/);
  });
});
