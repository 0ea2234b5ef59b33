import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

/** Variables set by the platform or tooling, not by someone configuring this app. */
const platformVariables = new Set([
  'NODE_ENV',
  'NEXT_RUNTIME',
  'CI',
  'PORT',
  'TELEMETRY_DISABLED',
  'NEXT_TELEMETRY_DISABLED',
]);

function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => (name === 'node_modules' ? [] : sourceFiles(join(path, name))));
}

function variablesReadInCode(): Set<string> {
  const files = ['app', 'components', 'lib', 'emulator', 'scripts', 'proxy.ts', 'instrumentation.ts'].flatMap(
    sourceFiles,
  );
  const names = new Set<string>();
  for (const file of files.filter((name) => /\.(ts|tsx|mjs)$/.test(name) && !name.endsWith('.test.ts'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) names.add(match[1]!);
  }
  // lib/env.ts reads its variables through the schema's keys.
  const schema = readFileSync('lib/env.ts', 'utf8');
  for (const match of schema.matchAll(/^ {4}([A-Z][A-Z0-9_]+): /gm)) names.add(match[1]!);
  for (const name of platformVariables) names.delete(name);
  return names;
}

test('every environment variable the code reads is in .env.example and the table in docs/configuration.md', () => {
  const variables = variablesReadInCode();
  assert.ok(variables.size >= 15, `found only ${[...variables].join(', ')}`);
  const example = readFileSync('.env.example', 'utf8');
  const readme = readFileSync('docs/configuration.md', 'utf8');
  for (const name of variables) {
    assert.match(example, new RegExp(`^${name}=`, 'm'), `${name} is missing from .env.example`);
    assert.match(
      readme,
      new RegExp(`^\\| \`${name}\` +\\|`, 'm'),
      `${name} is missing from the environment table in docs/configuration.md`,
    );
  }
});
