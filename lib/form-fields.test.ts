import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formFields } from './form-fields';

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

test('a normal form becomes a record, without Next’s own fields', () => {
  const result = formFields(
    form([
      ['accountId', 'ca_1'],
      ['$ACTION_ID_abc', ''],
    ]),
  );
  assert.deepEqual(result.ok && { ...result.fields }, { accountId: 'ca_1' });
});

for (const name of ['__proto__', 'constructor', 'prototype']) {
  test(`a field named ${name} is refused as not part of the form, not as "sent twice"`, () => {
    const result = formFields(
      form([
        [name, 'x'],
        ['accountId', 'ca_1'],
      ]),
    );
    assert.deepEqual(result, {
      ok: false,
      error: `The field "${name}" is not part of this form. Nothing was changed.`,
    });
  });
}

test('fields named like other object members are ordinary fields, not duplicates', () => {
  const result = formFields(
    form([
      ['toString', 'a'],
      ['hasOwnProperty', 'b'],
      ['valueOf', 'c'],
    ]),
  );
  assert.equal(result.ok, true);
});

test('a field sent twice is refused', () => {
  assert.deepEqual(
    formFields(
      form([
        ['accountId', 'a'],
        ['accountId', 'b'],
      ]),
    ),
    {
      ok: false,
      error: 'The field "accountId" was sent twice. Nothing was changed.',
    },
  );
});
