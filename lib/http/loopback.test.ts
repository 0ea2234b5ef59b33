import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isLoopback } from './loopback';

describe('isLoopback: only the loopback addresses themselves', () => {
  const local = [
    'http://localhost:4599',
    'http://127.0.0.1:4599',
    'http://127.1.2.3',
    'http://127.255.255.255',
    'http://[::1]:4599',
    'http://127.1:4599',
    'http://2130706433',
    'HTTP://LOCALHOST:4599',
  ];
  const notLocal = [
    undefined,
    '',
    'not a url',
    'https://127.composio-proxy.example.com',
    'https://127.0.0.1.nip.io',
    'https://localhost.example.com',
    'https://example.com/127.0.0.1',
    'https://127.0.0.1@evil.example',
    'https://backend.composio.dev',
    'http://128.0.0.1',
    'http://[::2]',
    'http://0.0.0.0',
    'http://[::ffff:8.8.8.8]',
  ];
  for (const url of local) test(`${url} is loopback`, () => assert.equal(isLoopback(url), true));
  for (const url of notLocal) test(`${String(url)} is not loopback`, () => assert.equal(isLoopback(url), false));
});
