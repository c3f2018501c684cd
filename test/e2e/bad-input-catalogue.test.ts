// A catalogue of bad input run through the installed binary (packages/cli/bin/tidemark.mjs, the
// bundle `npm test` builds): models, .schema.json, migration files, URLs, flags and folders. Every
// case must exit 2 (bad input), 1 (where the database or the file system is at fault) or 3 (refused
// for safety) with a TM_* code, a message naming the file (and line, where there is one) and, where
// the cause has its own, that hint; must write nothing (the
// project's files are compared before and after, and no SQLite file appears); and must never
// print a password from a URL, in text, in --json or in a stack trace.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createProject, REPO_ROOT, type TempProject } from '../support/project.js';

const BIN = join(REPO_ROOT, 'packages/cli/bin/tidemark.mjs');
const PASSWORD = 'hunter2-s3cr3t';
/** How many binaries run at once: the machine may have two cores. */
const PARALLEL = 4;

const HEADER = "import { Model, Key, Auto, Column, Default, Unique, Index, BelongsTo } from '@tidemark/decorators';\nimport type { Decimal } from '@tidemark/decorators';\n";
const GOOD = `${HEADER}@Model()\nexport class Item {\n  @Key() @Auto() id!: number;\n  name!: string;\n}\n`;
/** A model file whose class body is `body` (line 4 is the first line of the body). */
const item = (body: string, decorators = '@Model()') => `${HEADER}${decorators}\nexport class Item {\n  @Key() @Auto() id!: number;\n${body}\n}\n`;

const ID = '20250101_000000_init';
/** A hand-written migration after the one a `generated` case starts with. */
const LATER = '20991231_000000_later';
const CREATE_OTHERS = "await db.createTable({ name: 'others', primaryKey: ['id'], columns: [{ name: 'id', type: 'i32', autoIncrement: true }] });";
const migration = (body: string, id = ID) =>
  `import { defineMigration } from '@tidemark/core';\n\nexport default defineMigration({\n  id: '${id}',\n  async up(db) {\n    ${body}\n  },\n  async down(db) {\n    await db.dropTable('items');\n  },\n});\n`;
const CREATE = "await db.createTable({ name: 'items', primaryKey: ['id'], columns: [{ name: 'id', type: 'i32', autoIncrement: true }] });";

interface Case {
  readonly name: string;
  /** Files to write into the fresh project (relative paths); `null` removes one. */
  readonly files?: Readonly<Record<string, string | null>>;
  /** Run a good `migrate:generate` first, so the case breaks a project that has a history. */
  readonly generated?: boolean;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly exit: 1 | 2 | 3;
  readonly code: RegExp;
  /** What the hint must say, where the hint is specific to the cause. */
  readonly hint?: RegExp;
  /** What the message must name: the file (and line), the flag or the URL. */
  readonly names: RegExp;
  /** Also run with --json and check that document. */
  readonly json?: boolean;
  /**
   * `migrate:up` opens (so creates) the SQLite file before it reads the migration files; the
   * other files must still be untouched. Known, and left to the work on the apply engine.
   */
  readonly mayCreateDb?: boolean;
}

const gen = ['migrate:generate', '-m', 'change'];
const frob = `frob://admin:${PASSWORD}@localhost/db`;

const CASES: readonly Case[] = [
  // --- models -------------------------------------------------------------------------------
  { name: 'a model file with a syntax error', files: { 'models/item.ts': item('  name!: string;; =') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6: the file does not parse/ },
  { name: 'a model file that is not TypeScript at all', files: { 'models/item.ts': '@@@ }}} (((\nnot typescript\n' }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:1: the file does not parse/ },
  { name: 'a model file that no longer parses, in a project with a history (never a dropTable)', generated: true, files: { 'models/item.ts': GOOD.replace('name!: string;', 'name!: string;\n  @Unique(') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:7: the file does not parse/ },
  { name: 'an unclosed @Unique(', files: { 'models/item.ts': item('  @Unique(\n  name!: string;\n  other!: string;') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6: the file does not parse: the \( opened on this line is never closed/ },
  { name: 'a misspelt @Colum', files: { 'models/item.ts': item('  @Colum({ length: 5 }) name!: string;') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6 \(Item\.name\): decorator @Colum is neither imported nor declared/ },
  { name: 'a misspelt @Modle on a model with a history', generated: true, files: { 'models/item.ts': GOOD.replace('@Model()', '@Modle()') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:3 \(Item\): decorator @Modle/ },
  { name: 'an unknown decorator never imported', files: { 'models/item.ts': item('  @Frobnicate() name!: string;') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6 \(Item\.name\): decorator @Frobnicate/ },
  { name: 'a name @tidemark/decorators does not export', files: { 'models/item.ts': item('  @Colum() name!: string;').replace('{ Model,', '{ Colum, Model,') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6 \(Item\.name\): @tidemark\/decorators has no decorator Colum/ },
  { name: 'a negative string length', files: { 'models/item.ts': item('  @Column({ length: -5 }) name!: string;') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6 \(Item\.name\): length -5/ },
  { name: 'a decimal scale larger than its precision', files: { 'models/item.ts': item('  @Column({ precision: 4, scale: 6 }) price!: Decimal;') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6 \(Item\.price\): scale 6 is larger than precision 4/ },
  { name: 'an initializer of the wrong type', files: { 'models/item.ts': item("  count: number = 'x';") }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6 \(Item\.count\): default "x" does not fit column type i32/ },
  { name: '@Default of the wrong type', files: { 'models/item.ts': item("  @Default('abc') count!: number;") }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6 \(Item\.count\): default "abc"/ },
  { name: 'a default that is not one of the enum values', files: { 'models/item.ts': item("  role: 'a' | 'b' = 'c';") }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6 \(Item\.role\): default "c" is not one of a, b/ },
  { name: 'Default.now on a number', files: { 'models/item.ts': item('  @Default(Default.now) at!: number;') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6 \(Item\.at\): Default\.now only fits a Date column/ },
  { name: 'an empty table name', files: { 'models/item.ts': item('  name!: string;', "@Model({ table: '' })") }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:4 \(Item\): the table name is empty/ },
  { name: 'an empty column name', files: { 'models/item.ts': item("  @Column({ name: '' }) name!: string;") }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6 \(Item\.name\): the column name is empty/ },
  { name: 'a non-literal decorator argument', files: { 'models/item.ts': item('  @Column({ length: 10 + 5 }) name!: string;') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6:21 \(Item\.name\): @Column argument `10 \+ 5` is not a literal\n.*\n> 6 \|   @Column\(\{ length: 10 \+ 5 \}\) name!: string;\n {2}\s+\| {21}\^{6}\n/, hint: /write the value inline as a literal/ },
  { name: 'a computed initializer', files: { 'models/item.ts': item('  count: number = 10 + 5;') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6:19 \(Item\.count\): the initializer `10 \+ 5` is computed, .*\n.*\n> 6 \|   count: number = 10 \+ 5;/, hint: /write the default as a literal/ },
  { name: 'a misspelt @Column option', files: { 'models/item.ts': item('  @Column({ lenght: 5 }) name!: string;') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6 \(Item\.name\): @Column has no option `lenght`/ },
  { name: 'a type Tidemark cannot map', files: { 'models/item.ts': item('  meta!: Map<string, string>;') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:6 \(Item\.meta\): Tidemark cannot map type/ },
  { name: 'a model without @Key', files: { 'models/item.ts': `${HEADER}@Model()\nexport class Item {\n  name!: string;\n}\n` }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:4 \(Item\): model Item has no @Key/ },
  { name: '@Auto on a string', files: { 'models/item.ts': `${HEADER}@Model()\nexport class Item {\n  @Key() @Auto() id!: string;\n}\n` }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:5 \(Item\.id\): @Auto\(\) needs a number/ },
  { name: 'a relation to a class that is not a model', files: { 'models/item.ts': `${HEADER}class Plain { id!: number }\n@Model()\nexport class Item {\n  @Key() id!: number;\n  @BelongsTo(() => Plain) plain!: Plain;\n}\n` }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:7 \(Item\.plain\): relation target Plain is not a model/ },
  { name: 'two models on one table', files: { 'models/item.ts': `${GOOD}@Model({ table: 'items' })\nexport class Thing {\n  @Key() id!: number;\n}\n` }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:9 \(Thing\): models Item and Thing both map to table items/ },
  { name: '@Index naming an unknown property', files: { 'models/item.ts': item('  name!: string;', "@Model()\n@Index(['nmae'])").replace('\nexport class Item', '\nexport class Item') }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/item\.ts:4 \(Item\): @Index names unknown property nmae/ },
  { name: 'a type file the model imports does not parse', files: { 'models/item.ts': item('  role!: Role;').replace("import type { Decimal } from '@tidemark/decorators';", "import type { Role } from './role.js';"), 'models/role.ts': "export type Role = 'a' | ;\n" }, args: gen, exit: 2, code: /TM_MODEL_INVALID/, names: /models\/role\.ts:1: the file does not parse/ },

  // --- .schema.json ---------------------------------------------------------------------------
  { name: '.schema.json truncated', generated: true, files: { 'migrations/.schema.json': '{ "version": 1, "tables": [' }, args: gen, exit: 2, code: /TM_SNAPSHOT_INVALID/, names: /migrations\/\.schema\.json/ },
  { name: '.schema.json is not JSON', generated: true, files: { 'migrations/.schema.json': 'tables: items\n' }, args: gen, exit: 2, code: /TM_SNAPSHOT_INVALID/, names: /migrations\/\.schema\.json/ },
  { name: '.schema.json of an unknown version', generated: true, files: { 'migrations/.schema.json': '{ "format": "tidemark.snapshot", "version": 99, "tables": [] }\n' }, args: gen, exit: 2, code: /TM_SNAPSHOT_INVALID/, names: /migrations\/\.schema\.json.*version/ },
  { name: '.schema.json with tables that are not a list', generated: true, files: { 'migrations/.schema.json': '{ "format": "tidemark.snapshot", "version": 1, "tables": {} }\n' }, args: gen, exit: 2, code: /TM_SNAPSHOT_INVALID/, names: /migrations\/\.schema\.json.*tables/ },
  { name: '.schema.json with a column of an unknown type', generated: true, files: { 'migrations/.schema.json': '{ "format": "tidemark.snapshot", "version": 1, "tables": [{ "name": "items", "columns": [{ "name": "id", "type": "varchar", "nullable": false }], "primaryKey": ["id"], "indexes": [], "foreignKeys": [] }] }\n' }, args: gen, exit: 2, code: /TM_SNAPSHOT_INVALID/, names: /migrations\/\.schema\.json.*type/ },
  { name: '.schema.json missing beside migrations', generated: true, files: { 'migrations/.schema.json': null }, args: gen, exit: 2, code: /TM_SNAPSHOT_INVALID/, names: /migrations\/\.schema\.json.*missing/ },

  // --- migration files: generate replays every migration file before it writes anything ---------
  { name: 'a migration file with a syntax error', generated: true, files: { [`migrations/${LATER}.ts`]: migration(`${CREATE_OTHERS}\n    await db.addColumn('items', {;`, LATER) }, args: gen, exit: 2, code: /TM_MIGRATION_INVALID/, names: new RegExp(`migrations/${LATER}\\.ts`) },
  { name: 'a migration file without a default export', generated: true, files: { [`migrations/${LATER}.ts`]: 'export const up = 1;\n' }, args: gen, exit: 2, code: /TM_MIGRATION_INVALID/, names: new RegExp(`migrations/${LATER}\\.ts`) },
  { name: 'a migration whose id differs from its file name', generated: true, files: { [`migrations/${LATER}.ts`]: migration(CREATE_OTHERS, '20991231_000000_other') }, args: gen, exit: 2, code: /TM_MIGRATION_INVALID/, names: new RegExp(`migrations/${LATER}\\.ts`) },
  { name: 'a migration file not named like one', generated: true, files: { 'migrations/init.ts': migration(CREATE_OTHERS, LATER) }, args: gen, exit: 2, code: /TM_MIGRATION_INVALID/, names: /migrations\/init\.ts/ },
  { name: 'a migration step with a type no backend knows', generated: true, files: { [`migrations/${LATER}.ts`]: migration("await db.createTable({ name: 'others', primaryKey: ['id'], columns: [{ name: 'id', type: 'varchar' }] });", LATER) }, args: gen, exit: 2, code: /TM_MIGRATION_INVALID/, names: new RegExp(`${LATER}.*varchar`) },
  { name: 'a migration step on a table that does not exist', generated: true, files: { [`migrations/${LATER}.ts`]: migration("await db.addColumn('nope', { name: 'x', type: 'i32' });", LATER) }, args: gen, exit: 2, code: /TM_MIGRATION_INVALID/, names: new RegExp(`${LATER}.*nope`) },
  { name: 'a migration that imports a module that does not exist', generated: true, files: { [`migrations/${LATER}.ts`]: `import './missing-helper.js';\n${migration(CREATE_OTHERS, LATER)}` }, args: gen, exit: 2, code: /TM_MIGRATION_INVALID/, names: new RegExp(`migrations/${LATER}\\.ts`) },
  // migrate:up reads the same files, but opens the database first (see mayCreateDb)
  { name: 'migrate:up with a migration file that does not parse', mayCreateDb: true, files: { [`migrations/${ID}.ts`]: migration(`${CREATE}\n    await db.addColumn('items', {;`) }, args: ['migrate:up'], exit: 2, code: /TM_MIGRATION_INVALID/, names: new RegExp(`migrations/${ID}\\.ts`) },
  { name: 'migrate:up with a migration file without a default export', mayCreateDb: true, files: { [`migrations/${ID}.ts`]: 'export const up = 1;\n' }, args: ['migrate:up'], exit: 2, code: /TM_MIGRATION_INVALID/, names: new RegExp(`migrations/${ID}\\.ts`) },
  { name: 'migrate:up with a step of a type no backend knows (SQLite would take it)', mayCreateDb: true, files: { [`migrations/${ID}.ts`]: migration("await db.createTable({ name: 'items', primaryKey: ['id'], columns: [{ name: 'id', type: 'varchar' }] });") }, args: ['migrate:up'], exit: 2, code: /TM_MIGRATION_INVALID/, names: new RegExp(`${ID}.*varchar|varchar.*${ID}`) },

  // a statement the database refuses: the hint names the step and the file, not "fix the migration or the database"
  { name: 'migrate:up with a native statement the database refuses', mayCreateDb: true, files: { [`migrations/${ID}.ts`]: migration(`${CREATE}\n    await db.execute('INSERT INTO nope VALUES (1)');`) }, args: ['migrate:up'], exit: 1, code: /TM_BACKEND_ERROR/, names: new RegExp(`${ID} \\(up\\) step 2: sqlite: no such table: nope`), hint: new RegExp(`the database refused step 2 of up in .*migrations/${ID}\\.ts: fix that statement`) },
  // a destructive step without a terminal: refused before anything runs, naming the flag
  { name: 'migrate:up with a destructive step and no terminal', mayCreateDb: true, files: { [`migrations/${ID}.ts`]: migration(`${CREATE}\n    await db.addColumn('items', { name: 'note', type: 'text', nullable: true });\n    await db.dropColumn('items', 'note');`) }, args: ['migrate:up'], exit: 3, code: /TM_DESTRUCTIVE_REFUSED/, names: new RegExp(`${ID} has destructive steps: TM_W_DROP_COLUMN drops column items\\.note`), hint: /run again with --allow-destructive; nothing was applied/, json: true },

  // --- URLs -----------------------------------------------------------------------------------
  { name: 'a SQLite URL in a folder that does not exist', args: ['migrate:up', '--url', 'sqlite:nope/dir/app.db'], exit: 1, code: /TM_BACKEND_ERROR/, names: /sqlite: cannot create sqlite:nope\/dir\/app\.db: the folder .*nope\/dir does not exist/, hint: /create the folder \(mkdir -p .*nope\/dir\)/, json: true },
  { name: 'a PostgreSQL server that refuses the connection', args: ['migrate:status', '--url', `postgres://admin:${PASSWORD}@127.0.0.1:1/db`], exit: 1, code: /TM_BACKEND_ERROR/, names: /ECONNREFUSED 127\.0\.0\.1:1/, hint: /check that PostgreSQL runs and accepts connections at postgres:\/\/admin:\*\*\*@127\.0\.0\.1:1\/db/, json: true },
  { name: 'an unknown scheme with a password (--url)', args: ['migrate:status', '--url', frob], exit: 2, code: /TM_URL_INVALID/, names: /frob:\/\/admin:\*\*\*@localhost\/db: unknown scheme frob/, json: true },
  { name: 'an unknown scheme with a password (DATABASE_URL)', args: ['migrate:status'], env: { DATABASE_URL: frob }, exit: 2, code: /TM_URL_INVALID/, names: /unknown scheme frob/, json: true },
  { name: 'an unknown scheme with a password (config file)', files: { 'tidemark.config.json': JSON.stringify({ models: ['models/**/*.ts'], migrations: 'migrations', url: frob }) }, args: ['migrate:up'], exit: 2, code: /TM_URL_INVALID/, names: /unknown scheme frob/, json: true },
  { name: 'a password with an @ and a / in it', args: ['migrate:status', '--url', `frob://admin:${PASSWORD}@/x@localhost/db`], exit: 2, code: /TM_URL_INVALID/, names: /unknown scheme/, json: true },
  { name: 'a URL without a scheme', args: ['migrate:status', '--url', 'localhost/db'], exit: 2, code: /TM_URL_INVALID/, names: /localhost\/db: has no scheme/, json: true },
  { name: 'a malformed PostgreSQL URL with a password', args: ['migrate:status', '--url', `postgres://admin:${PASSWORD}@[::1/db`], exit: 2, code: /TM_URL_INVALID/, names: /postgres:\/\/admin:\*\*\*@/, json: true },
  { name: 'a MySQL URL with an unknown parameter and a password', args: ['migrate:status', '--url', `mysql://root:${PASSWORD}@127.0.0.1:3306/test?frob=1`], exit: 2, code: /TM_URL_INVALID/, names: /unknown parameter frob/, json: true },
  { name: 'a DynamoDB URL carrying credentials', args: ['migrate:status', '--url', `dynamodb://key:${PASSWORD}@aws?region=eu-west-1`], exit: 2, code: /TM_URL_INVALID/, names: /carries credentials/, json: true },

  // --- flags ----------------------------------------------------------------------------------
  { name: 'an unknown flag', args: ['migrate:up', '--frobnicate'], exit: 2, code: /TM_USAGE/, names: /frobnicate/ },
  { name: 'an unknown command', args: ['migrate:sideways'], exit: 2, code: /TM_USAGE/, names: /unknown command migrate:sideways/, hint: /tidemark --help.*migrate:status/ },
  { name: 'a blank migration without --message', files: { 'models/item.ts': GOOD }, args: ['migrate:generate', '--empty'], exit: 2, code: /TM_USAGE/, names: /a blank migration \(--empty\) needs a name/, hint: /add -m "what it does"/, json: true },
  { name: 'a command without its migrate: prefix', args: ['status'], exit: 2, code: /TM_USAGE/, names: /unknown command status; did you mean migrate:status\?/, hint: /run `tidemark migrate:status`/, json: true },
  { name: 'a misspelt command', args: ['migrate:stauts', '--url', 'sqlite:app.db'], exit: 2, code: /TM_USAGE/, names: /unknown command migrate:stauts; did you mean migrate:status\?/, hint: /run `tidemark migrate:status`/ },
  { name: 'down --steps that is not a number', generated: true, args: ['migrate:down', '--steps', 'many'], exit: 2, code: /TM_USAGE/, names: /steps/ },
  { name: 'down with both --steps and --to', generated: true, args: ['migrate:down', '--steps', '1', '--to', ID], exit: 2, code: /TM_USAGE/, names: /steps|--to/ },
  { name: 'a --rename that is not old=new', files: { 'models/item.ts': GOOD }, args: [...gen, '--rename', 'items'], exit: 2, code: /TM_USAGE/, names: /--rename items is not old=new/ },
  { name: 'a --rename naming a column that does not exist, with --no-rename', generated: true, files: { 'models/item.ts': GOOD.replace('name!', 'title!') }, args: [...gen, '--rename', 'items.nmae=title', '--no-rename'], exit: 2, code: /TM_USAGE/, names: /--rename items\.nmae=title: table items has no column nmae/ },

  // --- folders and config ---------------------------------------------------------------------
  { name: 'the migrations path is a file', files: { 'models/item.ts': GOOD, migrations: 'not a folder\n' }, args: gen, exit: 2, code: /TM_MIGRATION_INVALID|TM_CONFIG_INVALID/, names: /migrations/ },
  { name: '.schema.json is a folder', generated: true, files: { 'migrations/.schema.json': null, 'migrations/.schema.json/x': 'x' }, args: gen, exit: 2, code: /TM_SNAPSHOT_INVALID/, names: /\.schema\.json.*is a folder/ },
  { name: 'a models glob that matches nothing', files: { 'tidemark.config.json': JSON.stringify({ models: ['src/nothing/**/*.ts'], migrations: 'migrations', url: 'sqlite:app.db' }) }, args: gen, exit: 2, code: /TM_USAGE|TM_CONFIG_INVALID/, names: /src\/nothing\/\*\*\/\*\.ts/ },
  { name: 'a config file that is not JSON', files: { 'tidemark.config.json': '{ models: [' }, args: ['migrate:status'], exit: 2, code: /TM_CONFIG_INVALID/, names: /tidemark\.config\.json.*not valid JSON/ },
  { name: 'a config file with an unknown key', files: { 'tidemark.config.json': JSON.stringify({ models: ['models/**/*.ts'], migration: 'migrations' }) }, args: ['migrate:status'], exit: 2, code: /TM_CONFIG_INVALID/, names: /tidemark\.config\.json.*unknown key.*migration/ },
  { name: 'a --config that does not exist', args: ['migrate:status', '--config', 'nope.json'], exit: 2, code: /TM_CONFIG_INVALID/, names: /nope\.json/ },
];

interface Run { readonly code: number; readonly stdout: string; readonly stderr: string }

/** Runs the binary in `dir`; `as` is a command prefix that runs it as another user. */
function runBin(dir: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, as: readonly string[] = []): Promise<Run> {
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete base.DATABASE_URL;
  const [file, ...prefix] = [...as, process.execPath];
  return new Promise((resolve) => {
    execFile(file!, [...prefix, BIN, ...args], { cwd: dir, env: { ...base, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every file of the project, with a hash of its content: what "nothing was written" compares. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    const rel = relative(dir, path);
    out[rel] = entry.isDirectory() ? 'dir' : createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return out;
}

interface Outcome { readonly c: Case; readonly runs: readonly Run[]; readonly before: Record<string, string>; readonly after: Record<string, string> }

async function runCase(c: Case): Promise<Outcome> {
  const project: TempProject = await createProject();
  try {
    if (c.generated) {
      await project.write('models/item.ts', GOOD);
      const init = await project.run(['migrate:generate', '-m', 'init']);
      assert.equal(init.code, 0, `${c.name}: the setup's generate failed: ${init.stderr}`);
    }
    for (const [path, text] of Object.entries(c.files ?? {})) {
      if (text === null) await project.remove(path);
      else await project.write(path, text);
    }
    const before = await tree(project.dir);
    const runs = [await runBin(project.dir, c.args, c.env)];
    if (c.json) runs.push(await runBin(project.dir, [...c.args, '--json'], c.env));
    return { c, runs, before, after: await tree(project.dir) };
  } finally {
    await project.cleanup();
  }
}

const outcomes = new Map<string, Outcome>();

describe('bad input through the tidemark binary', () => {
  beforeAll(async () => {
    // Batches of PARALLEL cases: each case is its own project and process.
    const queue = [...CASES];
    await Promise.all(Array.from({ length: PARALLEL }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) outcomes.set(c.name, await runCase(c));
    }));
  });
  afterAll(() => outcomes.clear());

  test('the catalogue has at least 40 cases, each named once', () => {
    assert.ok(CASES.length >= 40, `${CASES.length} cases`);
    assert.equal(new Set(CASES.map((c) => c.name)).size, CASES.length);
  });

  for (const c of CASES) {
    test(c.name, () => {
      const o = outcomes.get(c.name);
      assert.ok(o, 'the case ran');
      const [text, json] = o.runs;
      const shown = `exit ${text!.code}\nstdout: ${text!.stdout}\nstderr: ${text!.stderr}`;
      assert.equal(text!.code, c.exit, shown);
      assert.match(text!.stderr, /^error TM_[A-Z_]+: /m, shown);
      assert.match(text!.stderr, c.code, shown);
      assert.match(text!.stderr, c.names, shown);
      assert.match(text!.stderr, /\nhint: \S/, shown);
      if (c.hint) assert.match(text!.stderr.slice(text!.stderr.indexOf('\nhint: ')), c.hint, shown);
      assert.doesNotMatch(text!.stderr, /TM_INTERNAL|\n\s+at .*\(.*:\d+:\d+\)/, `no bug report, no stack trace: ${shown}`);
      if (json) {
        assert.equal(json.code, c.exit, json.stdout + json.stderr);
        const doc = JSON.parse(json.stdout) as { ok: boolean; error: { code: string; message: string; hint: string } };
        assert.equal(doc.ok, false);
        assert.match(doc.error.code, c.code);
        assert.match(doc.error.message, c.names);
        assert.ok(doc.error.hint.length > 0);
        if (c.hint) assert.match(doc.error.hint, c.hint);
      }
      for (const r of o.runs) {
        assert.ok(!`${r.stdout}${r.stderr}`.includes(PASSWORD), `the password is printed: ${r.stdout}${r.stderr}`);
      }
      // Nothing written: the same files with the same contents, and no database file.
      const after = { ...o.after };
      if (c.mayCreateDb) delete after['app.db'];
      assert.deepEqual(after, o.before);
      assert.ok(!('app.db' in after), 'no SQLite database was created');
    });
  }
});

describe('a migrations folder generate may not write to', () => {
  test('is TM_IO naming the file, exit 1, and nothing is written', async () => {
    const project = await createProject();
    try {
      await project.write('models/item.ts', GOOD);
      await mkdir(join(project.dir, 'migrations'));
      const before = await tree(project.dir);
      let r: Run;
      if (process.getuid?.() === 0) {
        // root writes anywhere: run the binary as nobody, who may read the project but not write to it
        await chmod(project.dir, 0o755);
        for (const [path, kind] of Object.entries(before)) await chmod(join(project.dir, path), kind === 'dir' ? 0o755 : 0o644);
        r = await runBin(project.dir, ['migrate:generate', '-m', 'init'], {}, ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']);
      } else {
        await chmod(join(project.dir, 'migrations'), 0o555);
        r = await runBin(project.dir, ['migrate:generate', '-m', 'init']);
      }
      await chmod(join(project.dir, 'migrations'), 0o755);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /^error TM_IO: cannot write migrations\/\d{8}_\d{6}_init\.ts \(EACCES\); nothing was written\nhint: give your user write access/);
      assert.deepEqual(await tree(project.dir), before);
    } finally {
      await project.cleanup();
    }
  });
});
