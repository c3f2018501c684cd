// `tidemark seed`: the shared seeds run in every environment, `seeds/<env>/` only in that one,
// and running them again writes nothing twice — on every live backend.
import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { backendsUnderTest } from '../backends/index.js';
import { describeRun, ensureBin, runBin } from '../support/cli-process.js';
import { runThenCleanUp } from '../support/cleanup.js';
import { createProject } from '../support/project.js';

const CREATE = '20250101_000000_create_roles';

for (const { harness, skip } of await backendsUnderTest()) {
  describe(`seed [${harness.name}]`, { skip: Boolean(skip) }, () => {
    test('seeds per environment, applied idempotently', { timeout: 180_000 }, async () => {
      ensureBin();
      const db = await harness.create();
      const project = await createProject(db.url);
      await runThenCleanUp(async () => {
        await project.write(`migrations/${CREATE}.ts`, `import { defineMigration } from '@tidemark/core';
export default defineMigration({
  id: '${CREATE}',
  async up(db) {
    await db.createTable({ name: 'roles', columns: [{ name: 'id', type: 'i32' }, { name: 'name', type: 'string', length: 40 }, { name: 'admin', type: 'boolean' }], primaryKey: ['id'] });
  },
  async down(db) { await db.dropTable('roles'); },
});
`);
        await project.write('seeds/01_roles.ts', `import { defineSeed } from '@tidemark/core';
export default defineSeed({
  async run(db) {
    await db.insert('roles', [{ id: 1, name: 'admin', admin: true }, { id: 2, name: 'member', admin: false }]);
  },
});
`);
        await project.write('seeds/dev/02_demo.ts', `import { defineSeed } from '@tidemark/core';
export default defineSeed({
  async run(db) {
    await db.insert('roles', [{ id: 2, name: 'member', admin: false }, { id: 3, name: 'demo', admin: false }]);
  },
});
`);
        const up = await runBin(project.dir, ['migrate:up']);
        assert.equal(up.code, 0, describeRun(['migrate:up'], up));

        const shared = await runBin(project.dir, ['seed', '--json']);
        assert.equal(shared.code, 0, describeRun(['seed'], shared));
        assert.deepStrictEqual(JSON.parse(shared.stdout).seeds, [{ file: 'seeds/01_roles.ts', rows: 2 }]);

        const dev = await runBin(project.dir, ['seed', '--json'], { TIDEMARK_ENV: 'dev' });
        assert.equal(dev.code, 0, describeRun(['seed'], dev));
        assert.deepStrictEqual(JSON.parse(dev.stdout).seeds, [{ file: 'seeds/01_roles.ts', rows: 0 }, { file: 'seeds/dev/02_demo.ts', rows: 1 }]);

        const again = await runBin(project.dir, ['seed', '--env', 'dev']);
        assert.equal(again.code, 0, describeRun(['seed'], again));
        assert.match(again.stdout, /0 row\(s\) written by 2 file\(s\)/);
        assert.deepStrictEqual((await db.select('roles', ['id', 'name'], 'id')), [
          { id: 1, name: 'admin' }, { id: 2, name: 'member' }, { id: 3, name: 'demo' },
        ]);
      }, async () => { await project.cleanup(); await db.dispose(); });
    });
  });
}
