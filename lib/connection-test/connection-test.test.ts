import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APIConnectionError, APIError } from '@composio/client';
import { ComposioToolFetchError } from '@composio/core';
import {
  connectionTestProof,
  isConnectionTestProof,
  readExecution,
  readExecutionError,
  whoAmITools,
} from './connection-test';

const ran = (data: Record<string, unknown>) => ({ data, error: null, successful: true });

test('each who-am-I tool reads the identity from the output its provider documents', () => {
  const identity = (toolkit: string, data: Record<string, unknown>) => readExecution(whoAmITools[toolkit]!, ran(data));

  // Gmail users.getProfile
  assert.deepEqual(identity('gmail', { emailAddress: 'ada@example.com', messagesTotal: 3, historyId: '9' }), {
    working: true,
    identity: 'ada@example.com',
  });
  // GitHub GET /user: the login, else the public email
  assert.deepEqual(identity('github', { login: 'ada', id: 1, email: 'ada@example.com' }), {
    working: true,
    identity: 'ada',
  });
  assert.deepEqual(identity('github', { email: 'ada@example.com' }), { working: true, identity: 'ada@example.com' });
  // Slack team.info: the workspace
  assert.deepEqual(identity('slack', { ok: true, team: { id: 'T1', name: 'Acme' } }), {
    working: true,
    identity: 'Acme',
  });
  // Google Calendar calendarList: the primary calendar is named after the account
  const calendars = [
    { id: 'holidays@group.v.calendar.google.com', summary: 'Holidays' },
    { id: 'ada@example.com', summary: 'ada@example.com', primary: true },
  ];
  assert.deepEqual(identity('googlecalendar', { calendars }), { working: true, identity: 'ada@example.com' });
  assert.deepEqual(identity('googlecalendar', { items: calendars }), { working: true, identity: 'ada@example.com' });
});

test('output wrapped in response_data is read the same; a run without an identity still counts as working', () => {
  assert.deepEqual(readExecution(whoAmITools.gmail!, ran({ response_data: { emailAddress: 'ada@example.com' } })), {
    working: true,
    identity: 'ada@example.com',
  });
  for (const data of [{}, { emailAddress: '' }, { emailAddress: 42 }, { emailAddress: ['a'] }]) {
    assert.deepEqual(readExecution(whoAmITools.gmail!, ran(data)), { working: true, identity: null });
  }
  assert.deepEqual(readExecution(whoAmITools.googlecalendar!, ran({ calendars: 'nope' })), {
    working: true,
    identity: null,
  });
});

test("an unsuccessful run is a broken connection with Composio's reason, on one line and bounded", () => {
  const whoAmI = whoAmITools.gmail!;
  assert.deepEqual(readExecution(whoAmI, { data: {}, error: 'Token has been\n  revoked.', successful: false }), {
    working: false,
    reason: 'Token has been revoked.',
  });
  assert.deepEqual(readExecution(whoAmI, { data: {}, error: null, successful: false }), {
    working: false,
    reason: 'Composio did not say why.',
  });
  const long = readExecution(whoAmI, { data: {}, error: 'x'.repeat(5000), successful: false });
  assert.equal(!long.working && long.reason.length, 300);
});

test('refusals about the account are a broken connection; outages and this app’s own problems are not', () => {
  const refused = (status: number, message: string) =>
    APIError.generate(status, { error: { message, code: status, status } }, undefined, new Headers());
  // Core SDK errors keep the HTTP error as their cause.
  const wrapped = (error: unknown) => new ComposioToolFetchError('Unable to retrieve tool', { cause: error });

  for (const status of [400, 403, 410, 422]) {
    assert.deepEqual(readExecutionError(refused(status, 'Connected account is not active')), {
      working: false,
      reason: 'Connected account is not active',
    });
  }
  assert.deepEqual(readExecutionError(wrapped(refused(403, 'Insufficient scopes'))), {
    working: false,
    reason: 'Insufficient scopes',
  });
  for (const status of [401, 404, 429, 500, 502, 503]) {
    assert.equal(readExecutionError(refused(status, 'no verdict')), undefined, `status ${status}`);
  }
  assert.equal(readExecutionError(new APIConnectionError({ message: 'Connection error.' })), undefined);
  assert.equal(readExecutionError(new Error('a bug')), undefined);
});

test('the proof binds user, account and toolkit to the secret; anything else is refused', () => {
  const secret = 'a'.repeat(32);
  const proof = connectionTestProof(secret, 'demo:alice', 'ca_1', 'gmail');
  assert.match(proof, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(isConnectionTestProof(proof, secret, 'demo:alice', 'ca_1', 'gmail'), true);
  assert.equal(isConnectionTestProof(proof, secret, 'demo:mallory', 'ca_1', 'gmail'), false);
  assert.equal(isConnectionTestProof(proof, secret, 'demo:alice', 'ca_2', 'gmail'), false);
  assert.equal(isConnectionTestProof(proof, secret, 'demo:alice', 'ca_1', 'github'), false);
  assert.equal(isConnectionTestProof(proof, 'b'.repeat(32), 'demo:alice', 'ca_1', 'gmail'), false);
  assert.equal(isConnectionTestProof('', secret, 'demo:alice', 'ca_1', 'gmail'), false);
  assert.equal(isConnectionTestProof(`${proof}x`, secret, 'demo:alice', 'ca_1', 'gmail'), false);
  // Field boundaries cannot be shifted: ("a", "bc") and ("ab", "c") prove different things.
  assert.notEqual(connectionTestProof(secret, 'a', 'bc', 'gmail'), connectionTestProof(secret, 'ab', 'c', 'gmail'));
});

test('every mapped toolkit names a tool of its own toolkit, in Composio’s slug style', () => {
  for (const [toolkit, { tool }] of Object.entries(whoAmITools)) {
    assert.match(tool, new RegExp(`^${toolkit.toUpperCase()}_[A-Z0-9_]+$`));
  }
});
