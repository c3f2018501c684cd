#!/usr/bin/env node
// Runs every *.test.ts under packages/*/src and test/ with Node's own test runner, loading
// TypeScript through tsx and resolving workspace packages to their sources ("source" condition),
// so a test never runs against a stale build. Arguments filter test files by substring.
//
// DynamoDB: when TIDEMARK_DYNAMODB_URL is not set, java is installed, the run may need DynamoDB
// (TIDEMARK_REQUIRE_BACKENDS unset or naming dynamodb) and the selected files can use it, ONE
// DynamoDB Local is started for the whole run (tests isolate themselves by region), its URL
// passed to the tests, and it is stopped afterwards, also on failure and on Ctrl-C.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

const files = [...walk(join(root, 'packages'), []), ...walk(join(root, 'test'), [])]
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}

/** Test files that talk to DynamoDB when it is reachable. */
const USES_DYNAMODB = ['test/conformance/', 'test/evolution/', 'test/e2e/', 'packages/dynamodb/'];

function wantsDynamoDb(env) {
  if (env.TIDEMARK_DYNAMODB_URL) return false;
  const required = (env.TIDEMARK_REQUIRE_BACKENDS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (required.length > 0 && !required.includes('dynamodb')) return false;
  return files.some((f) => USES_DYNAMODB.some((prefix) => f.startsWith(prefix)));
}

const env = { ...process.env };
let dynamo;
if (wantsDynamoDb(env)) {
  const { hasJava, startDynamoDbLocal } = await import('./dynamodb-local.mjs');
  if (!hasJava()) {
    console.error('\n!!! DynamoDB Local NOT started: java was not found (install a Java 17 runtime); the dynamodb tests report it unreachable\n');
  } else {
    try {
      dynamo = await startDynamoDbLocal();
      env.TIDEMARK_DYNAMODB_URL = dynamo.url;
      console.error(`DynamoDB Local started for this run at ${dynamo.url}`);
    } catch (err) {
      console.error(`\n!!! DynamoDB Local NOT started: ${err instanceof Error ? err.message : String(err)}; the dynamodb tests report it unreachable\n`);
    }
  }
}

const child = spawn(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env },
);

let stopping;
const stopDynamo = () => (stopping ??= dynamo ? dynamo.stop() : Promise.resolve());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    child.kill(signal);
    void stopDynamo().finally(() => process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)));
  });
}
const [code] = await new Promise((resolve) => child.once('exit', (c, s) => resolve([c, s])));
await stopDynamo();
process.exit(code ?? 1);
