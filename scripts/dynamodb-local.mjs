#!/usr/bin/env node
// DynamoDB Local (AWS's own emulator, 1.25) for Tidemark's tests. It ships inside the npm package
// amplify-dynamodb-simulator, whose `emulator/` folder holds DynamoDBLocal.jar and its libraries;
// installing that package would pull ~280 dependencies, so we `npm pack` it and keep only the
// emulator files in a cache folder.
//
//   node scripts/dynamodb-local.mjs fetch    download into the cache if missing (for CI caches)
//   node scripts/dynamodb-local.mjs start    run one instance until Ctrl-C; prints its URL
//   node scripts/dynamodb-local.mjs where    print the cache folder
//
// As a module: `ensureDynamoDbLocal()` → the folder, `startDynamoDbLocal()` → { url, port, stop }.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The npm package and version that carry the emulator (DynamoDB Local 1.25.1). */
export const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator';
export const SIMULATOR_VERSION = '2.9.30';
const FOLDER = `dynamodb-local-${SIMULATOR_VERSION}`;
const JAR = 'DynamoDBLocal.jar';

/** `cacheRoot` is $TIDEMARK_CACHE_DIR, else $XDG_CACHE_HOME/tidemark, else ~/.cache/tidemark. */
export function cacheRoot(env = process.env) {
  if (env.TIDEMARK_CACHE_DIR) return env.TIDEMARK_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'tidemark');
  return join(homedir(), '.cache', 'tidemark');
}

/** `hasJava` tells whether a `java` executable answers. */
export function hasJava() {
  const r = spawnSync('java', ['-version'], { stdio: 'ignore' });
  return r.status === 0;
}

function run(cmd, args, options) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  if (r.error) throw new Error(`${cmd} could not start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}): ${(r.stderr || r.stdout || '').trim().slice(-2000)}`);
  return r.stdout;
}

/**
 * `ensureDynamoDbLocal` returns the folder holding DynamoDBLocal.jar, fetching it first when
 * missing. The download and extraction happen in a temporary folder beside the cache that is
 * renamed into place at the end, so an interrupted fetch never leaves a half-filled cache.
 */
export async function ensureDynamoDbLocal({ env = process.env, log = (line) => console.error(line) } = {}) {
  const root = cacheRoot(env);
  const dir = join(root, FOLDER);
  if (existsSync(join(dir, JAR))) return dir;
  mkdirSync(root, { recursive: true });
  const tmp = mkdtempSync(join(root, `.${FOLDER}.tmp-`));
  try {
    log(`fetching DynamoDB Local (${SIMULATOR_PACKAGE}@${SIMULATOR_VERSION}, ~55 MB) into ${dir}`);
    run('npm', ['pack', `${SIMULATOR_PACKAGE}@${SIMULATOR_VERSION}`, '--pack-destination', tmp, '--silent'], { cwd: tmp });
    const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`npm pack wrote no .tgz into ${tmp}`);
    const out = join(tmp, 'emulator');
    mkdirSync(out);
    // only package/emulator/**: the jar, its libraries and licences; nothing else of the package
    run('tar', ['-xzf', join(tmp, tgz), '-C', out, '--strip-components=2', 'package/emulator']);
    if (!existsSync(join(out, JAR))) throw new Error(`${tgz} has no emulator/${JAR}`);
    try {
      renameSync(out, dir);
    } catch (err) {
      // another run may have finished the same fetch first; its copy is as good as ours
      if (!existsSync(join(dir, JAR))) throw err;
    }
    return dir;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** `freePort` asks the OS for a port nobody listens on. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function answers(url) {
  // Imported lazily so `fetch` works without the SDK; the SDK is a dependency of @tidemark/dynamodb.
  // Its warning about Node 20 support in 2027 says nothing about this readiness probe.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { DynamoDBClient, ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
  const client = new DynamoDBClient({
    endpoint: url, region: 'us-east-1', maxAttempts: 1,
    credentials: { accessKeyId: 'tidemark', secretAccessKey: 'tidemark' },
  });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

// A tiny process that outlives nothing: it kills the JVM as soon as the process that started it is
// gone, however it went (even SIGKILL, which no exit handler sees), so no JVM is left behind.
const WATCHDOG = `
const [parent, child] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
setInterval(() => {
  if (!alive(child)) process.exit(0);
  if (!alive(parent)) { try { process.kill(child, 'SIGKILL'); } catch {} process.exit(0); }
}, 500);
`;

/**
 * `startDynamoDbLocal` starts one in-memory DynamoDB Local on a free port and resolves once it
 * answers ListTables. Without `-sharedDb` it keeps a separate database per access key id and
 * region, which is how tests isolate their databases. `stop()` kills the JVM and waits for it.
 */
export async function startDynamoDbLocal({ env = process.env, log = (line) => console.error(line), timeoutMs = 60_000 } = {}) {
  const dir = await ensureDynamoDbLocal({ env, log });
  const port = await freePort();
  const java = spawn('java', [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, JAR),
    '-inMemory', '-disableTelemetry', '-port', String(port),
  ], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  java.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  const exited = new Promise((resolve) => java.once('exit', (code, signal) => resolve({ code, signal })));
  let gone = false;
  exited.then(() => { gone = true; });
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(java.pid)], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  const killOnExit = () => { if (!gone) try { java.kill('SIGKILL'); } catch { /* already gone */ } };
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (!gone) {
      java.kill('SIGTERM');
      const timer = setTimeout(() => { if (!gone) java.kill('SIGKILL'); }, 3000);
      await exited;
      clearTimeout(timer);
    }
  };

  const url = `dynamodb://localhost:${port}`;
  const http = `http://localhost:${port}`;
  const started = Date.now();
  for (let wait = 100; ; wait = Math.min(wait * 1.5, 1000)) {
    if (gone) throw new Error(`DynamoDB Local exited before answering: ${stderr.trim() || 'no output'}`);
    if (await answers(http)) break;
    if (Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`DynamoDB Local did not answer on port ${port} within ${timeoutMs} ms: ${stderr.trim() || 'no output'}`);
    }
    await new Promise((r) => setTimeout(r, wait));
  }
  return { url, port, pid: java.pid, stop };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const command = process.argv[2] ?? 'start';
  try {
    if (command === 'fetch') {
      console.log(await ensureDynamoDbLocal());
    } else if (command === 'where') {
      console.log(join(cacheRoot(), FOLDER));
    } else if (command === 'start') {
      if (!hasJava()) throw new Error('java was not found; install a Java 17 runtime (DynamoDB Local is a Java program)');
      const local = await startDynamoDbLocal();
      console.log(`DynamoDB Local answers at ${local.url} (pid ${local.pid}); Ctrl-C stops it`);
      console.log(`  export TIDEMARK_DYNAMODB_URL=${local.url}`);
      const shutdown = async () => { await local.stop(); process.exit(0); };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    } else {
      console.error(`unknown command ${command}; use fetch, start or where`);
      process.exit(2);
    }
  } catch (err) {
    console.error(`dynamodb-local: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
