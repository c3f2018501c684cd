// The test suite on vitest. Workspace packages resolve to their TypeScript sources through the
// "source" export condition (as `tsx --conditions=source` did), so a test never runs against a
// stale build.
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// vitest's own default, Node's conditions without "module" (which would pick bundler-only ESM
// builds of dependencies, e.g. the AWS SDK's dist-es), with "source" first; vitest also passes them
// to the worker processes as --conditions, for what Node loads natively (tsx's --conditions=source)
const conditions = ['source', ...defaultServerConditions.filter((c) => c !== 'module')];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  // TypeScript is compiled as tsx compiled it for node:test: with the compiler options of the
  // repository's tsconfig.json (none), not each package's (experimentalDecorators), so classes in
  // tests get TC39 standard decorators (packages/decorators/src/decorators.test.ts relies on it).
  // A string is used as is; vite then reads no tsconfig file. (Vite 7: esbuild lowers standard
  // decorators; Vite 8's Oxc does not yet.)
  esbuild: { tsconfigRaw: '{}' },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // forks, not threads: several suites spawn processes, use better-sqlite3 or change process.env
    pool: 'forks',
    // one process per file, two at a time (node --test ran --test-concurrency=2 on this 2-core machine)
    isolate: true,
    maxWorkers: 2,
    // node:test has no default timeout; the database suites (evolution, packaging) take minutes
    testTimeout: 600_000,
    hookTimeout: 600_000,
    teardownTimeout: 60_000,
    // DynamoDB Local for the run, its URL passed in TIDEMARK_DYNAMODB_URL
    globalSetup: ['./test/support/dynamodb-global-setup.ts'],
    reporters: ['default'],
  },
});
