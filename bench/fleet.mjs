#!/usr/bin/env node
// A fleet of PostgreSQL schemas: one `migrate:up --targets` over N schemas (concurrency C) against
// the same work done as teams do without fleets, one `tidemark migrate:up --url …?schema=…`
// process per schema. The per-process side runs on a sample of schemas and is scaled to N (the
// output says so); both sides apply the same two migrations to fresh schemas.
// Usage: node bench/fleet.mjs [schemas=1000] [concurrency=16] [cliSample=100]
// Needs PostgreSQL (TIDEMARK_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test).
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runCli } from './run-cli.mjs';

const schemas = Number(process.argv[2] ?? 1000);
const concurrency = Number(process.argv[3] ?? 16);
const cliSample = Math.min(schemas, Number(process.argv[4] ?? 100));
const root = fileURLToPath(new URL('..', import.meta.url));
const base = new URL(process.env.TIDEMARK_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const database = 'tidemark_bench_fleet';

const admin = new pg.Client({ connectionString: base.toString() });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${database}`);
const url = new URL(base);
url.pathname = `/${database}`;

// a project with two migrations, as `tidemark init` and two edits would leave it
const dir = join(root, '.tmp', 'bench-fleet');
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'models'), { recursive: true });
symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
writeFileSync(join(dir, 'tidemark.config.json'), JSON.stringify({ models: ['models/**/*.ts'], migrations: 'migrations' }));
const header = "import { Model, Key, Auto, Unique, BelongsTo } from '@tidemark/decorators';\n";
writeFileSync(join(dir, 'models/user.ts'), `${header}@Model() export class User { @Key() @Auto() id!: number; name!: string; @Unique() email!: string; }\n`);
must(runCli(['migrate:generate', '-m', 'users'], dir));
writeFileSync(join(dir, 'models/post.ts'), `${header}import { User } from './user.js';\n@Model() export class Post { @Key() @Auto() id!: number; title!: string; @BelongsTo(() => User) author!: User; authorId!: number; }\n`);
must(runCli(['migrate:generate', '-m', 'posts'], dir));

const names = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}_${String(i + 1).padStart(4, '0')}`);
writeFileSync(join(dir, 'targets.json'), JSON.stringify([{ url: url.toString(), schemas: names('fleet', schemas) }]));
const fleet = must(runCli(['migrate:up', '--targets', 'targets.json', '--concurrency', String(concurrency), '--json'], dir));
const counts = JSON.parse(fleet.stdout).counts;
if (counts.applied !== schemas) throw new Error(`the fleet run applied ${JSON.stringify(counts)}, expected ${schemas} applied`);

let perSchema = 0;
for (const schema of names('single', cliSample)) {
  const one = new URL(url);
  one.searchParams.set('schema', schema);
  perSchema += must(runCli(['migrate:up', '--url', one.toString()], dir)).ms;
}
const cliProjected = (perSchema / cliSample) * schemas;

console.log(JSON.stringify({
  schemas, concurrency,
  fleetSeconds: round(fleet.ms / 1000), fleetPeakMiB: Math.round(fleet.rssMiB), fleetMsPerSchema: round(fleet.ms / schemas),
  cliMsPerSchema: round(perSchema / cliSample), cliSample, cliSecondsProjected: round(cliProjected / 1000),
  fleetVsCli: round(fleet.ms / cliProjected),
}, null, 2));

await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await admin.end();
rmSync(dir, { recursive: true, force: true });

function must(r) {
  if (r.code !== 0) {
    console.error(r.stdout, r.stderr);
    process.exit(1);
  }
  return r;
}
function round(x) {
  return Math.round(x * 100) / 100;
}
