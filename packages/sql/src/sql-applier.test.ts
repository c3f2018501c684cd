import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { emptySnapshot, op, precheckFailed, type Capabilities } from '@tidemark/core';
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
    precheck: async (_o, _b, mode) => {
      log.push(`precheck ${mode}`);
      return precheckFails ? [precheckFailed('not null', 't.c', 2, [], 'fill them'), precheckFailed('unique', 't (c)', 2, [], 'fix them')] : [];
    },
  });
  return { applier, log };
}

describe('SqlApplier', () => {
  it('reads the live schema, renders, prechecks, then runs each statement', async () => {
    const { applier, log } = fixture();
    await applier.apply(op.dropTable('t'));
    assert.deepEqual(log, ['read', 'render dropTable', 'precheck first', 'run S1 (dropTable)', 'run S2 (dropTable)']);
    assert.equal(applier.dialect, 'postgres');
  });

  it('runs nothing when a precheck fails', async () => {
    const { applier, log } = fixture(true);
    await assert.rejects(applier.apply(op.dropTable('t')), { code: 'TM_PRECHECK_FAILED', details: { check: 'not null', target: 't.c', count: 2, samples: [] } });
    assert.equal(log.some((l) => l.startsWith('run')), false);
  });

  it('precheck renders (refusing what does not fit), asks for every failure, and runs no statement', async () => {
    const { applier, log } = fixture(true);
    const failures = await applier.precheck(op.dropTable('t'));
    assert.deepEqual(failures.map((f) => f.details.check), ['not null', 'unique']);
    assert.deepEqual(log, ['read', 'render dropTable', 'precheck all']);
  });

  it('executes SQL text and refuses other native statements', async () => {
    const { applier } = fixture();
    assert.equal(await applier.execute('SELECT 1'), 'rows');
    await assert.rejects(applier.execute({ find: 'x' }), { code: 'TM_UNSUPPORTED_OPERATION' });
  });
});
