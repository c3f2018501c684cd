import { MongoConnection, type MongoConnectionOptions } from '../connection.js';
import type { MongoCommandRunner } from '../command-runner.js';

/** A fake clock for the lock: `sleep` advances it instead of waiting. */
export interface FakeClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  readonly slept: number[];
}

export function fakeClock(start = 1_000_000): FakeClock {
  let t = start;
  const slept: number[] = [];
  return { now: () => t, sleep: async (ms) => { slept.push(ms); t += ms; }, slept };
}

/** `TOKEN` is the lock token test connections use. */
export const TOKEN = 'token-1';

/** `testConnection` is a MongoConnection over `runner`, with a fixed lock token and a fake clock. */
export function testConnection(runner: MongoCommandRunner, options: Partial<MongoConnectionOptions> & { clock?: FakeClock; timeoutMs?: number } = {}): MongoConnection {
  const clock = options.clock ?? fakeClock();
  return new MongoConnection(runner, {
    target: 'mongodb://localhost:27017/app',
    isLocal: true,
    batchSize: options.batchSize ?? 2,
    lock: { timeoutMs: options.timeoutMs ?? 1000, leaseMs: 60_000, pollMs: 100, owner: 'me@host pid 1', token: () => TOKEN, now: clock.now, sleep: clock.sleep, ...options.lock },
  });
}
