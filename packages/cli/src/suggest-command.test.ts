import assert from 'node:assert/strict';
import { test } from 'vitest';
import { suggestCommand } from './suggest-command.js';

const COMMANDS = ['init', 'migrate:generate', 'migrate:up', 'migrate:down', 'migrate:status', 'migrate:check', 'migrate:seed'];

test('a command without its prefix, or with a typo, suggests the registered one', () => {
  assert.equal(suggestCommand('status', COMMANDS), 'migrate:status');
  assert.equal(suggestCommand('up', COMMANDS), 'migrate:up');
  assert.equal(suggestCommand('seed', COMMANDS), 'migrate:seed'); // any registered command is a candidate
  assert.equal(suggestCommand('migrate:stauts', COMMANDS), 'migrate:status');
  assert.equal(suggestCommand('generat', COMMANDS), 'migrate:generate');
  assert.equal(suggestCommand('Status', COMMANDS), 'migrate:status');
});

test('a word close to no command suggests nothing', () => {
  assert.equal(suggestCommand('frobnicate', COMMANDS), undefined);
  assert.equal(suggestCommand('migrate:sideways', COMMANDS), undefined);
});
