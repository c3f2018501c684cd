// migrate:generate's renames through the CLI: an explicit rename always wins, also when the old
// name is taken by a new column, and the migration keeps the data; a --rename naming nothing is
// an error, not a silent drop + add; every unsettled pair is reported in one run with flags that,
// pasted, settle it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'vitest';
import Database from 'better-sqlite3';
import { createProject, type TempProject } from '../support/project.js';

const HEADER = "import { Model, Key, Auto, Column } from '@tidemark/decorators';\n";
const V1 = `${HEADER}@Model() export class Member {\n  @Key() @Auto() id!: number;\n  role!: string;\n}\n`;
const V2 = (decorator = '') => `${HEADER}@Model() export class Member {\n  @Key() @Auto() id!: number;\n  ${decorator}deprecatedRole!: string;\n  role: string = 'member';\n}\n`;

let project: TempProject;
beforeEach(async () => { project = await createProject(); });
afterEach(async () => { await project.cleanup(); });

async function init(): Promise<void> {
  await project.write('models/member.ts', V1);
  assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
  assert.equal((await project.run(['migrate:up'])).code, 0);
  const db = new Database(join(project.dir, 'app.db'));
  db.prepare("INSERT INTO members (role) VALUES ('admin')").run();
  db.close();
}

const rows = () => {
  const db = new Database(join(project.dir, 'app.db'), { readonly: true });
  try { return db.prepare('SELECT deprecated_role, role FROM members').all(); } finally { db.close(); }
};

describe('a rename whose old name a new column takes', () => {
  for (const [how, model, flags] of [
    ['--rename', V2(), ['--rename', 'members.role=deprecated_role']],
    ['renamedFrom', V2("@Column({ renamedFrom: 'role' }) "), []],
  ] as const) {
    test(`${how}: renames, then adds the new column, and the data moves with the rename`, async () => {
      await init();
      await project.write('models/member.ts', model);
      const r = await project.run(['migrate:generate', '-m', 'deprecate role', ...flags]);
      assert.equal(r.code, 0, r.stderr);
      const text = await project.read(`migrations/${(await project.migrations())[1]}`);
      const up = text.slice(text.indexOf('async up'), text.indexOf('async down'));
      assert.match(up, /renameColumn\('members', 'role', 'deprecated_role'\);\n\s+await db\.addColumn\('members', \{ name: 'role'/);
      assert.doesNotMatch(up, /alterColumn/);
      assert.equal((await project.run(['migrate:up'])).code, 0);
      assert.deepEqual(rows(), [{ deprecated_role: 'admin', role: 'member' }]);
      // and the next generate sees nothing to do (a renamedFrom left in the model changes nothing)
      assert.match((await project.run(['migrate:generate', '-m', 'again'])).stdout, /No changes/);
    });
  }
});

describe('--rename that names nothing', () => {
  test('is an error naming it, also with --no-rename, and nothing is written', async () => {
    await init();
    await project.write('models/member.ts', V2());
    for (const [flag, said] of [
      ['members.rol=deprecated_role', /table members has no column rol in migrations\/\.schema\.json \(columns: id, role\)/],
      ['members.role=deprecated_rol', /the model of members has no column deprecated_rol/],
      ['memberz.role=deprecated_role', /no model maps to table memberz/],
      ['people=members', /there is no table people in migrations\/\.schema\.json/],
    ] as const) {
      const r = await project.run(['migrate:generate', '-m', 'x', '--rename', flag, '--no-rename']);
      assert.equal(r.code, 2, `${flag}: ${r.stdout}`);
      assert.match(r.stderr, /error TM_USAGE/);
      assert.match(r.stderr, new RegExp(`--rename ${flag.replace('.', '\\.')}`));
      assert.match(r.stderr, said);
      assert.equal((await project.migrations()).length, 1, flag);
    }
  });
});

describe('a renamedFrom that names nothing', () => {
  test('is TM_MODEL_INVALID at the property, also with --no-rename, and nothing is written', async () => {
    await init();
    await project.write('models/member.ts', V2("@Column({ renamedFrom: 'rol' }) "));
    const r = await project.run(['migrate:generate', '-m', 'x', '--no-rename']);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /error TM_MODEL_INVALID: models\/member\.ts:4 \(Member\.deprecatedRole\): renamedFrom: 'rol', but table members has no column rol/);
    assert.equal((await project.migrations()).length, 1);
  });
});

describe('several unsettled renames without a terminal', () => {
  test('one run names them all; its flags, pasted, generate the renames', async () => {
    const v1 = `${HEADER}@Model() export class A {\n  @Key() id!: number;\n  one!: string;\n  two!: string;\n}\n@Model() export class B {\n  @Key() id!: number;\n  three!: string;\n}\n`;
    await project.write('models/m.ts', v1);
    assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
    await project.write('models/m.ts', v1.replace('one!', 'uno!').replace('two!', 'dos!').replace('three!', 'tres!'));
    const r = await project.run(['migrate:generate', '-m', 'x', '--rename', 'as.one=uno']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /TM_RENAME_AMBIGUOUS/);
    assert.match(r.stderr, /columns of as: removed two; added dos\n\s+columns of bs: removed three; added tres/);
    assert.match(r.stderr, /--rename and --no-rename combine/);
    const line = /run again with: (.*)/.exec(r.stderr)![1]!;
    assert.equal(line, '--rename as.one=uno --rename as.two=dos --rename bs.three=tres');
    const json = await project.run(['migrate:generate', '-m', 'x', '--rename', 'as.one=uno', '--json']);
    assert.deepEqual(JSON.parse(json.stdout).error.details.flags, line.split(/ (?=--)/));
    const again = await project.run(['migrate:generate', '-m', 'renames', ...line.split(' ')]);
    assert.equal(again.code, 0, again.stderr);
    const text = await project.read(`migrations/${(await project.migrations())[1]}`);
    const up = text.slice(text.indexOf('async up'), text.indexOf('async down'));
    assert.equal(up.match(/db\.renameColumn\(/g)?.length, 3);
    assert.doesNotMatch(up, /dropColumn|addColumn/);
  });
});
