import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorCauses } from './errors';

describe('errorCauses: an error, then each cause in turn', () => {
  test('outermost first, down to the root', () => {
    const root = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const query = new Error('Failed query: select 1', { cause: root });
    const wrapper = new Error('could not record the session', { cause: query });
    assert.deepEqual([...errorCauses(wrapper)], [wrapper, query, root]);
  });

  test("follows Auth.js's `cause.err` to the error a callback threw", () => {
    const thrown = new Error('database down');
    const authError = new Error('CallbackRouteError', { cause: { err: thrown, provider: 'demo' } });
    assert.deepEqual([...errorCauses(authError)], [authError, thrown]);
  });

  test('a cause that is not an Error ends the chain with itself', () => {
    const error = new Error('outer', { cause: 'a string reason' });
    assert.deepEqual([...errorCauses(error)], [error, 'a string reason']);
  });

  test('nothing for no error', () => {
    assert.deepEqual([...errorCauses(undefined)], []);
    assert.deepEqual([...errorCauses(null)], []);
  });

  test('a cycle is walked once', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    first.cause = second;
    assert.deepEqual([...errorCauses(first)], [first, second]);
  });

  test('a very long chain is cut, not walked to the end', () => {
    let error = new Error('root');
    for (let link = 0; link < 1000; link++) error = new Error(`link ${link}`, { cause: error });
    const chain = [...errorCauses(error)];
    assert.equal(chain[0], error);
    assert.ok(chain.length > 3 && chain.length < 20, `followed ${chain.length} links`);
  });
});
