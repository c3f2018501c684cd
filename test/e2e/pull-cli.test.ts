// `migrate:pull` as a command, on SQLite: where it writes, what it refuses, what --dry-run,
// --force and --json do, and that bad input writes nothing.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { createProject, type TempProject } from '../support/project.js';

let project: TempProject;

beforeEach(async () => {
  project = await createProject('sqlite:app.db');
  const db = new Database(join(project.dir, 'app.db'));
  db.exec(`CREATE TABLE authors (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, name VARCHAR(80) NOT NULL);
    CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, author_id INTEGER NOT NULL REFERENCES authors (id), title TEXT NOT NULL);
    CREATE INDEX idx_books_author_id ON books (author_id);`);
  db.close();
});
afterEach(() => project.cleanup());

describe('migrate:pull', () => {
  test('writes one file per table into the folder of the config\'s models glob and names them', async () => {
    const r = await project.run(['migrate:pull']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /✅ Pulled 2 model\(s\) from sqlite:.*app\.db into models\n {2}models\/author\.ts {2}\(authors\)\n {2}models\/book\.ts {2}\(books\)\n/);
    assert.doesNotMatch(r.stdout, /Not expressible|Note:/);
    assert.match(await project.read('models/book.ts'), /@BelongsTo\(\(\) => Author\) author!: Relation<Author>;/);
  });

  test('refuses to replace an existing model file (exit 3, nothing written) unless --force', async () => {
    await project.write('models/book.ts', '// mine\n');
    const refused = await project.run(['migrate:pull']);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /TM_FILE_EXISTS/);
    assert.match(refused.stderr, /models\/book\.ts/);
    assert.match(refused.stderr, /--force/);
    assert.equal(await project.read('models/book.ts'), '// mine\n');
    assert.equal(existsSync(join(project.dir, 'models/author.ts')), false);
    const forced = await project.run(['migrate:pull', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(await project.read('models/book.ts'), /export class Book/);
  });

  test('--dry-run prints the files and writes nothing; --json gives files and notes', async () => {
    const dry = await project.run(['migrate:pull', '--dry-run', '--out', 'src/db']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /\/\/ src\/db\/author\.ts\n\/\/ Pulled from table authors/);
    assert.match(dry.stdout, /Would pull 2 model\(s\)/);
    assert.match(dry.stdout, /Note: src\/db is outside the config's models \(models\/\*\*\/\*\.ts\)/);
    assert.equal(existsSync(join(project.dir, 'src')), false);
    const json = await project.run(['migrate:pull', '--json', '--out', 'src/db']);
    assert.equal(json.code, 0, json.stderr);
    const out = JSON.parse(json.stdout) as { ok: boolean; readByGenerate: boolean; files: { path: string; table: string; className: string }[]; notes: unknown[] };
    assert.equal(out.readByGenerate, false);
    assert.deepEqual(out.files, [
      { path: 'src/db/author.ts', table: 'authors', className: 'Author' },
      { path: 'src/db/book.ts', table: 'books', className: 'Book' },
    ]);
    assert.deepEqual(out.notes, []);
  });

  test('bad input is exit 2 and writes nothing', async () => {
    for (const args of [['migrate:pull', '--url', 'nosuch://db'], ['migrate:pull', '--no-such-flag'], ['migrate:pull', '--url', 'sqlite:no-such-file.db']]) {
      const r = await project.run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(existsSync(join(project.dir, 'models')), false);
    }
  });

  test("never pulls Tidemark's own tables", async () => {
    assert.equal((await project.run(['migrate:pull'])).code, 0);
    assert.equal((await project.run(['migrate:generate', '-m', 'adopt'])).code, 0);
    const [id] = (await project.migrations()).map((f) => f.replace(/\.ts$/, ''));
    assert.equal((await project.run(['migrate:resolve', id!, '--applied'])).code, 0);
    const db = new Database(join(project.dir, 'app.db'), { readonly: true });
    const own = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '\\_tidemark\\_%' ESCAPE '\\'").all();
    db.close();
    assert.ok(own.length > 0, 'the history table exists');
    const again = await project.run(['migrate:pull', '--dry-run', '--json']);
    const out = JSON.parse(again.stdout) as { files: { table: string }[]; notes: unknown[] };
    assert.deepEqual(out.files.map((f) => f.table), ['authors', 'books']);
    assert.deepEqual(out.notes, []);
  });

  test('pulls the same bytes twice', async () => {
    const first = await project.run(['migrate:pull', '--dry-run']);
    const second = await project.run(['migrate:pull', '--dry-run']);
    assert.equal(first.stdout, second.stdout);
  });
});
