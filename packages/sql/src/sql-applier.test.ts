import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptySnapshot, op, type Capabilities } from '@tidemark/core';
import { SqlApplier } from './sql-applier.js';
import type { SqlDialect } from './sql-dialect.js';
import type { SqlExecutor } from './sql-executor.js';

const capabilities: Capabilities = { transactionalDdl: true, nativeStatements: 'sql', foreignKeys: 'enforced', uniqueIndexes: 'enforced', autoIncrement: true, alterPrimaryKey: true };

function fixture(precheckFails = false) {
  const log: string[] = [];
  const dialect: SqlDialect = {
    name: 'postgres',
    quoteIdentifier: (n) => `"${n}"`,
    renderLiteral: (v) => String(v),
    render: (o) => { log.push(`render ${o.kind}`); return ['S1', 'S2']; },
    requiresRebuild: () => false,
  };
  const executor: SqlExecutor = {
    run: async (s, options) => { log.push(`run ${s} (${options?.op})`); },
    all: async () => [],
    execute: async (s) => { log.push(`execute ${s}`); return 'rows'; },
  };
  const applier = new SqlApplier({
    dialect, capabilities, executor,
    readSchema: async () => { log.push('read'); return emptySnapshot(); },
    precheck: async () => { log.push('precheck'); if (precheckFails) throw new Error('precheck failed'); },
  });
  return { applier, log };
}

describe('SqlApplier', () => {
  it('reads the live schema, renders, prechecks, then runs each statement', async () => {
    const { applier, log } = fixture();
    await applier.apply(op.dropTable('t'));
    assert.deepEqual(log, ['read', 'render dropTable', 'precheck', 'run S1 (dropTable)', 'run S2 (dropTable)']);
    assert.equal(applier.dialect, 'postgres');
  });

  it('runs nothing when a precheck fails', async () => {
    const { applier, log } = fixture(true);
    await assert.rejects(applier.apply(op.dropTable('t')), /precheck failed/);
    assert.equal(log.some((l) => l.startsWith('run')), false);
  });

  it('executes SQL text and refuses other native statements', async () => {
    const { applier } = fixture();
    assert.equal(await applier.execute('SELECT 1'), 'rows');
    await assert.rejects(applier.execute({ find: 'x' }), { code: 'TM_UNSUPPORTED_OPERATION' });
  });
});
