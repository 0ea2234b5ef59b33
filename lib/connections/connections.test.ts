import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectionsFingerprint, type ConnectionRecord } from './connections';

const record = (id: string, status: string, alias: string | null = null): ConnectionRecord => ({
  id,
  userId: 'alice',
  toolkit: 'mail',
  status,
  alias,
  label: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});

test('the fingerprint changes with what the page shows, not with the order rows come in', () => {
  const rows = [record('ca_1', 'ACTIVE'), record('ca_2', 'EXPIRED', 'work')];
  const shown = connectionsFingerprint(rows);
  assert.match(shown, /^[A-Za-z0-9_-]{22}$/);
  assert.equal(connectionsFingerprint([...rows].reverse()), shown);
  for (const changed of [
    [record('ca_1', 'INACTIVE'), rows[1]!],
    [rows[0]!, record('ca_2', 'EXPIRED', 'home')],
    [rows[0]!],
    [...rows, record('ca_3', 'ACTIVE')],
  ]) {
    assert.notEqual(connectionsFingerprint(changed), shown);
  }
  assert.notEqual(connectionsFingerprint([]), shown);
});
