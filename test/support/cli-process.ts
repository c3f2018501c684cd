// The real `tidemark` command as a child process, for the tests that need what an in-process run
// cannot give: several runs at once (test/e2e/concurrency.test.ts) and a run killed with SIGKILL
// (test/e2e/crash-recovery.test.ts). Also the few database reads both suites make outside Tidemark.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Dialect } from '@tidemark/core';
// internals of the backend's package, through its internal entry for tests
import { HISTORY_TABLE, LOCK_TABLE, toPlain } from '@tidemark/dynamodb/testing';
import type { TestDatabase } from '../backends/harness.js';
import { REPO_ROOT } from './project.js';

export const BIN = join(REPO_ROOT, 'packages/cli/bin/tidemark.mjs');

/** Builds the CLI bundle once if it is missing (a fresh checkout that skipped `npm run build`). */
export function ensureBin(): void {
  if (existsSync(join(REPO_ROOT, 'packages/cli/dist/bundle/tidemark.mjs'))) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  assert.equal(build.status, 0, 'npm run build failed');
}

/** `ProcessResult` is what one `tidemark` process printed, how it ended, and when. */
export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly started: number;
  readonly ended: number;
}

/** `BinProcess` is a running `tidemark` process: its result, and a promise of its first output. */
export interface BinProcess {
  readonly child: ChildProcess;
  readonly done: Promise<ProcessResult>;
  /** Resolves when the process first prints `text` on stdout (never rejects; resolves at exit at the latest). */
  printed(text: string): Promise<void>;
}

/** `startBin` starts `tidemark <args>` in `cwd`, with an environment that cannot point it elsewhere. */
export function startBin(cwd: string, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): BinProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extraEnv };
  delete env.DATABASE_URL;
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString();
    for (const w of waiters.filter((x) => stdout.includes(x.text))) {
      w.resolve();
      waiters.splice(waiters.indexOf(w), 1);
    }
  });
  child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
  const done = new Promise<ProcessResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const w of waiters.splice(0)) w.resolve();
      resolve({ code, signal, stdout, stderr, started, ended: Date.now() });
    });
  });
  return {
    child,
    done,
    printed: (text) => (stdout.includes(text) || child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => { waiters.push({ text, resolve }); })),
  };
}

/** `runBin` runs `tidemark <args>` to its end. */
export function runBin(cwd: string, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<ProcessResult> {
  return startBin(cwd, args, extraEnv).done;
}

/** `describeRun` is a process's exit and output, for assertion messages. */
export function describeRun(args: readonly string[], r: ProcessResult): string {
  return `tidemark ${args.join(' ')} → exit ${r.code}${r.signal ? ` (${r.signal})` : ''}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
}

/** A row of `_tidemark_migrations` as the database holds it, read without Tidemark. */
export interface HistoryRow {
  readonly id: string;
  readonly outcome: string;
}

/** `historyRows` reads `_tidemark_migrations` directly: every record, duplicates included. */
export async function historyRows(db: TestDatabase, dialect: Dialect): Promise<HistoryRow[]> {
  if (dialect === 'dynamodb') {
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = (await db.connection.applier.execute({
        command: 'Scan', input: { TableName: HISTORY_TABLE, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) },
      })) as { Items?: Record<string, AttributeValue>[]; LastEvaluatedKey?: Record<string, AttributeValue> };
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items.map((i) => ({ id: String(toPlain(i.id)), outcome: String(toPlain(i.outcome)) })).sort((a, b) => a.id.localeCompare(b.id));
  }
  const rows = (await db.connection.applier.execute('SELECT id, outcome FROM _tidemark_migrations ORDER BY id')) as { id: string; outcome: string }[];
  return rows.map((r) => ({ id: String(r.id), outcome: String(r.outcome) }));
}

/**
 * `expireDynamoLock` stands in for the wait after a killed run on DynamoDB: the dead run's lock
 * item lives until its lease runs out (30 s), and the next run takes it over once it has. Setting
 * its expiry in the past is exactly that wait, without sleeping through it in every trial; the
 * takeover itself (a conditional PutItem on `expiresAt < now`) is still the code under test.
 */
export async function expireDynamoLock(db: TestDatabase): Promise<void> {
  try {
    await db.connection.applier.execute({
      command: 'UpdateItem',
      input: {
        TableName: LOCK_TABLE, Key: { id: { S: 'migrations' } }, UpdateExpression: 'SET #e = :past',
        ConditionExpression: 'attribute_exists(#id)', ExpressionAttributeNames: { '#e': 'expiresAt', '#id': 'id' },
        ExpressionAttributeValues: { ':past': { N: '0' } },
      },
    });
  } catch (err) {
    // no lock item (killed before taking it, or released) or no lock table yet: nothing to expire
    const name = (err as { name?: string }).name ?? '';
    if (!/ConditionalCheckFailed|ResourceNotFound/.test(name) && !/ConditionalCheckFailed|ResourceNotFound|not found|does not exist/i.test(String((err as Error).message))) throw err;
  }
}

/** `sleep` waits `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `mulberry32` is a small seeded RNG: the same seed gives the same kill moments. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
