#!/usr/bin/env node
// Runs every *.test.ts under packages/*/src and test/ with vitest (vitest.config.ts): workspace
// packages resolve to their TypeScript sources ("source" condition), so a test never runs against
// a stale build. Arguments filter test files by substring of their path, as `vitest run <filter>`.
//
// DynamoDB: vitest's global setup (test/support/dynamodb-global-setup.ts) starts ONE DynamoDB
// Local for the run when TIDEMARK_DYNAMODB_URL is not set, java is installed, the run may need it
// (TIDEMARK_REQUIRE_BACKENDS unset or naming dynamodb) and the selected files can use it; its URL
// reaches the tests in TIDEMARK_DYNAMODB_URL, and it is stopped afterwards.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const filters = process.argv.slice(2);

const child = spawn(process.execPath, [vitest, 'run', ...filters], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
const [code, signal] = await new Promise((resolve) => child.once('exit', (c, s) => resolve([c, s])));
process.exit(code ?? (signal === 'SIGINT' ? 130 : 1));
