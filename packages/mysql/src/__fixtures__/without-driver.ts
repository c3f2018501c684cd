// Child process for capabilities.test.ts: use the package while mysql2 cannot be found.
import { mysqlDialect } from '@tidemark/sql/mysql';
import { capabilities, mysqlBackend, parseMysqlUrl } from '../index.js';
import { op, emptySnapshot } from '@tidemark/core';

const loaded = capabilities.transactionalDdl === false && parseMysqlUrl('mysql://u@h/d').database === 'd'
  && mysqlDialect.render(op.createTable({ name: 't', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] }), emptySnapshot()).length === 1;
let code: string | undefined;
try {
  await mysqlBackend.connect('mysql://u@127.0.0.1:1/d');
} catch (err) {
  code = (err as { code?: string }).code;
}
process.stdout.write(`${JSON.stringify({ loaded, code })}\n`);
