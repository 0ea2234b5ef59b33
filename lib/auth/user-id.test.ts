import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composioUserId } from './user-id';

test('demo ids are stable for the same email whatever its case or surrounding spaces', () => {
  const id = composioUserId({ demoEmail: 'Alice@Example.com' });
  assert.match(id, /^demo:[0-9a-f]{24}$/);
  assert.equal(composioUserId({ demoEmail: '  alice@example.COM ' }), id);
});

test('different emails get different ids, and the email itself is not in the id', () => {
  const alice = composioUserId({ demoEmail: 'alice@example.com' });
  const bob = composioUserId({ demoEmail: 'bob@example.com' });
  assert.notEqual(alice, bob);
  assert.ok(!alice.includes('alice'));
});

test('OAuth ids are provider plus provider account id', () => {
  assert.equal(composioUserId({ provider: 'github', providerAccountId: '583231' }), 'github:583231');
  assert.equal(composioUserId({ provider: 'google', providerAccountId: '1098' }), 'google:1098');
  assert.notEqual(
    composioUserId({ provider: 'github', providerAccountId: '1' }),
    composioUserId({ provider: 'google', providerAccountId: '1' }),
  );
});

test('ids never contain a comma, which would split a Composio list filter', () => {
  assert.ok(!composioUserId({ provider: 'github', providerAccountId: '1,2' }).includes(','));
  assert.throws(() => composioUserId({ provider: 'github', providerAccountId: ',,,' }));
});
