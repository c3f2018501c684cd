import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { DEFAULT_DB_LOCK_TIMEOUT_MS, DEFAULT_LOCK_RETRIES, isTidemarkError } from '@tidemark/core';
import type { TidemarkConfig } from '../config.js';
import type { SelectedEnvironment } from './select-environment.js';
import { parseDuration, resolveTimeouts } from './timeout-settings.js';

const config: TidemarkConfig = { models: ['m'], migrations: 'migrations', root: '/p', lockTimeoutMs: 7000, lockRetries: 4 };
const production: SelectedEnvironment = { name: 'production', file: '/p/tidemark.config.json', confirm: true, allowDown: false, allowFresh: false, lockTimeoutMs: 2000, statementTimeoutMs: 60_000 };

describe('resolveTimeouts', () => {
  it('defaults: a bounded lock wait, retried; no statement timeout', () => {
    assert.deepEqual(resolveTimeouts({}, {}, { models: ['m'], migrations: 'migrations', root: '/p' }, undefined),
      { session: { lockTimeoutMs: DEFAULT_DB_LOCK_TIMEOUT_MS }, lockRetries: DEFAULT_LOCK_RETRIES });
  });

  it('flag, then variable, then environment, then the config top level', () => {
    assert.deepEqual(resolveTimeouts({}, {}, config, undefined), { session: { lockTimeoutMs: 7000 }, lockRetries: 4 });
    assert.deepEqual(resolveTimeouts({}, {}, config, production), { session: { lockTimeoutMs: 2000, statementTimeoutMs: 60_000 }, lockRetries: 4 });
    assert.deepEqual(resolveTimeouts({}, { TIDEMARK_DB_LOCK_TIMEOUT: '3s', TIDEMARK_LOCK_RETRIES: '1', TIDEMARK_STATEMENT_TIMEOUT: '2m' }, config, production),
      { session: { lockTimeoutMs: 3000, statementTimeoutMs: 120_000 }, lockRetries: 1 });
    assert.deepEqual(resolveTimeouts({ lockTimeout: '250ms', statementTimeout: '0', lockRetries: 0 }, { TIDEMARK_DB_LOCK_TIMEOUT: '3s' }, config, production),
      { session: { lockTimeoutMs: 250, statementTimeoutMs: 0 }, lockRetries: 0 });
  });

  it('a bad flag or variable is TM_USAGE naming it', () => {
    assert.throws(() => resolveTimeouts({ lockTimeout: 'soon' }, {}, config, undefined), (e) => isTidemarkError(e, 'TM_USAGE') && /--lock-timeout "soon"/.test(e.message));
    assert.throws(() => resolveTimeouts({}, { TIDEMARK_STATEMENT_TIMEOUT: '5 minutes' }, config, undefined), (e) => isTidemarkError(e, 'TM_USAGE') && /TIDEMARK_STATEMENT_TIMEOUT/.test(e.message));
    assert.throws(() => resolveTimeouts({}, { TIDEMARK_LOCK_RETRIES: '-1' }, config, undefined), (e) => isTidemarkError(e, 'TM_USAGE') && /TIDEMARK_LOCK_RETRIES/.test(e.message));
    assert.throws(() => resolveTimeouts({ lockRetries: 1.5 }, {}, config, undefined), (e) => isTidemarkError(e, 'TM_USAGE'));
  });

  it('parseDuration reads milliseconds, seconds and minutes', () => {
    assert.equal(parseDuration('1500', 'x'), 1500);
    assert.equal(parseDuration('1.5s', 'x'), 1500);
    assert.equal(parseDuration('2m', 'x'), 120_000);
    assert.equal(parseDuration('40ms', 'x'), 40);
  });
});
