// The data steps on MongoDB at command level (no server runs here): the commands each step sends,
// values written per column type, conditions as filters, and a back-fill that walks the documents
// in key order and writes only those whose values change, as replies scripted after a server's.
import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { applyOperation, emptySnapshot, op, type ProgressEvent } from '@tidemark/core';
import { cursorReply, RecordingRunner, writeReply } from '../__fixtures__/recording-runner.js';
import { runMongoDataChange } from './run-data-change.js';

const schema = applyOperation(emptySnapshot(), op.createTable({
  name: 'items',
  columns: [
    { name: 'id', type: 'i32' }, { name: 'name', type: 'string', length: 40 }, { name: 'active', type: 'boolean' },
    { name: 'price', type: 'decimal', precision: 8, scale: 2 }, { name: 'seen', type: 'timestamp', nullable: true },
    { name: 'label', type: 'string', length: 80, nullable: true },
  ],
  primaryKey: ['id'],
}));

describe('MongoDB data steps', () => {
  test('insert writes each value in its BSON type', async () => {
    const runner = new RecordingRunner();
    const result = await runMongoDataChange(op.insert('items', [{ id: 1, name: 'Ada', active: true, price: '12.50', seen: new Date('2024-02-29T13:14:15.250Z') }]), { runner, schema });
    assert.equal(result.rows, 1);
    assert.deepStrictEqual(runner.sent.map((s) => s.command), [{
      insert: 'items', ordered: true,
      documents: [{ id: { $numberInt: '1' }, name: 'Ada', active: true, price: { $numberDecimal: '12.5' }, seen: { $date: '2024-02-29T13:14:15.250Z' } }],
    }]);
  });

  test('update renders the portable condition as a filter; a comparison never matches null', async () => {
    const runner = new RecordingRunner().on('update', writeReply(2));
    const result = await runMongoDataChange(op.update('items', { label: 'x' }, { active: false, price: { lt: 5 }, $or: [{ id: { in: [1, 2] } }, { label: { ne: 'y' } }] }), { runner, schema });
    assert.equal(result.rows, 2);
    assert.deepStrictEqual(runner.sent[0]!.command, {
      update: 'items',
      updates: [{
        q: { $and: [
          { active: { $eq: false } },
          { price: { $lt: { $numberDecimal: '5' } } },
          { $or: [{ id: { $in: [{ $numberInt: '1' }, { $numberInt: '2' }] } }, { $and: [{ label: { $ne: 'y' } }, { label: { $ne: null } }] }] },
        ] },
        u: { $set: { label: 'x' } },
        multi: true,
      }],
    });
  });

  test('backfill reads in key order after the last key and writes only the documents that change', async () => {
    const doc = (id: number, label: string | null) => ({ id, name: `n${id}`, active: true, price: 1, label });
    const runner = new RecordingRunner()
      .on('aggregate', cursorReply([{ n: 3 }]))
      .on('find', cursorReply([doc(1, 'N1'), doc(2, null)]), cursorReply([doc(3, null)]))
      .on('update', writeReply(1), writeReply(1));
    const progress: ProgressEvent[] = [];
    const result = await runMongoDataChange(op.backfill('items', (row) => ({ label: String(row.name).toUpperCase() }), { batchSize: 2 }),
      { runner, schema, onProgress: (e) => progress.push(e) });
    assert.equal(result.rows, 2, 'n1 already held its value');
    const finds = runner.sent.filter((s) => 'find' in s.command).map((s) => s.command);
    assert.deepStrictEqual(finds, [
      { find: 'items', filter: {}, sort: { id: 1 }, limit: 2, singleBatch: true },
      { find: 'items', filter: { $and: [{}, { id: { $gt: 2 } }] }, sort: { id: 1 }, limit: 2, singleBatch: true },
    ]);
    const updates = runner.sent.filter((s) => 'update' in s.command).map((s) => s.command.updates);
    assert.deepStrictEqual(updates, [[{ q: { id: 2 }, u: { $set: { label: 'N2' } } }], [{ q: { id: 3 }, u: { $set: { label: 'N3' } } }]]);
    assert.deepStrictEqual(progress.map((p) => [p.done, p.total]), [[2, 3], [3, 3]]);
  });

  test('insert with skipExisting reads the keys first and leaves out the rows already there', async () => {
    const runner = new RecordingRunner().on('find', cursorReply([{ id: 1 }]));
    const result = await runMongoDataChange(op.insert('items', [{ id: 1, name: 'a', active: true, price: 1 }, { id: 2, name: 'b', active: false, price: 2 }], { skipExisting: true }), { runner, schema });
    assert.equal(result.rows, 1);
    const insert = runner.sent.find((s) => 'insert' in s.command)!.command as { documents: { id: unknown }[] };
    assert.deepStrictEqual(insert.documents.map((d) => d.id), [{ $numberInt: '2' }]);
  });
});
