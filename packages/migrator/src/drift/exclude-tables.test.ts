import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { excludeMatcher } from './exclude-tables.js';

describe('excludeMatcher', () => {
  test('names match themselves; * any run, ? one character; other characters are literal', () => {
    const m = excludeMatcher(['audit_log', 'django_*', 'tmp_?', 'a.b', 'x$y']);
    for (const yes of ['audit_log', 'django_', 'django_session', 'tmp_1', 'a.b', 'x$y']) assert.ok(m(yes), yes);
    for (const no of ['audit_logs', 'Audit_log', 'my_django_x', 'tmp_12', 'tmp_', 'axb', 'xy']) assert.ok(!m(no), no);
    assert.ok(!excludeMatcher([])('anything'));
  });
});
