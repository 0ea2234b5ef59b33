// Contract tests: the real @composio/core SDK, as the app and a fork would use
// it, against the emulator. Every API response the SDK receives is checked
// against the SDK's own schemas (no validation warning) and against the
// required fields of Composio's public OpenAPI document, version
// `required-fields.json#openapiVersion` (3.0.0, snapshot of 2026-01-16).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import required from './openapi/required-fields.json' with { type: 'json' };
import { checkedResponses, OPENAPI_VERSION, requiredFieldViolations } from './test-support';
import './contract/catalog';
import './contract/connections';
import './contract/auth-configs';
import './contract/accounts';
import './contract/tools';
import './contract/verifier';

test('the required fields come from the OpenAPI document version 3.0.0', () => {
  assert.equal(OPENAPI_VERSION, '3.0.0');
});

after(() => {
  assert.deepEqual(requiredFieldViolations, [], 'responses missing fields the OpenAPI document requires');
  const unchecked = Object.keys(required.responses).filter((key) => !checkedResponses.has(key));
  assert.deepEqual(unchecked, [], 'responses no contract test exercised');
});
