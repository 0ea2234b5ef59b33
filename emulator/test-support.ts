// Shared by the emulator's contract tests: a running emulator, the real SDK
// pointed at it, and a check of every API response the SDK receives against
// the required fields of Composio's public OpenAPI document.
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach } from 'node:test';
import { Composio } from '@composio/core';
import { startEmulator, type RunningEmulator } from './app';
import type { EmulatorConfig } from './config';
import required from './openapi/required-fields.json' with { type: 'json' };
import type { RequiredTree } from './openapi/extract-required';

export const API_KEY = 'contract-test-key';
export const CALLBACK = 'https://app.example/api/composio/callback?source=settings';

/** The OpenAPI document version the required fields were taken from (its `info.version`, snapshot 2026-01-16). */
export const OPENAPI_VERSION = required.openapiVersion;

/**
 * Contract tests keep state in memory-backed /dev/shm where there is one: every
 * write is still fsynced before its response, which costs nothing there.
 * durability.test.ts checks the fsync path on a real disk.
 */
const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

/** Each test file's state folders, removed when its process ends: /dev/shm is memory, and every run made new ones. */
const dataDirs = new Set<string>();
process.on('exit', () => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

export async function startTestEmulator(overrides: Partial<EmulatorConfig> = {}): Promise<RunningEmulator> {
  const dataDir = await mkdtemp(join(scratch, 'emulator-contract-'));
  dataDirs.add(dataDir);
  return startEmulator({
    port: 0,
    apiKey: API_KEY,
    dataDir,
    linkTtlMs: 600_000,
    ...overrides,
  });
}

export function sdk(emulator: RunningEmulator, apiKey = API_KEY): Composio {
  return new Composio({ apiKey, baseURL: emulator.url, allowTracking: false, disableVersionCheck: true });
}

/** Completes the stand-in Connect Link the way the browser form does (`headers`: the browser's cookie, say). */
export async function decide(
  redirectUrl: string,
  decision: 'allow' | 'deny',
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const response = await fetch(redirectUrl, {
    method: 'POST',
    headers,
    body: new URLSearchParams({ decision, ...extra }),
    redirect: 'manual',
  });
  assert.equal(response.status, 303);
  return new URL(response.headers.get('location')!);
}

/** Approves a Connect Link created without a callback URL: the page then just says "Connected". */
export async function approve(redirectUrl: string) {
  const response = await fetch(redirectUrl, { method: 'POST', body: new URLSearchParams({ decision: 'allow' }) });
  assert.equal(response.status, 200);
  assert.match(await response.text(), /Connected/);
}

/** POSTs to an emulator control the way the e2e fixtures do. */
export function control(emulator: RunningEmulator, path: string, body?: unknown, method = 'POST') {
  return fetch(`${emulator.url}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

// ---------------------------------------------------------------------------
// Required-field check of every response the SDK gets.

/** The emulator path (under /api/v3.1) of each response checked, and its key in required-fields.json. */
const routes: [string, RegExp, string][] = [
  ['POST', /^\/tool_router\/session$/, 'POST /api/v3/tool_router/session 201'],
  ['GET', /^\/tool_router\/session\/[^/]+$/, 'GET /api/v3/tool_router/session/{session_id} 200'],
  ['POST', /^\/tool_router\/session\/[^/]+\/link$/, 'POST /api/v3/tool_router/session/{session_id}/link 201'],
  ['GET', /^\/tool_router\/session\/[^/]+\/toolkits$/, 'GET /api/v3/tool_router/session/{session_id}/toolkits 200'],
  ['POST', /^\/tool_router\/session\/[^/]+\/execute$/, 'POST /api/v3/tool_router/session/{session_id}/execute 200'],
  ['GET', /^\/connected_accounts$/, 'GET /api/v3/connected_accounts 200'],
  ['POST', /^\/connected_accounts$/, 'POST /api/v3/connected_accounts 201'],
  ['POST', /^\/connected_accounts\/link$/, 'POST /api/v3/connected_accounts/link 201'],
  ['GET', /^\/connected_accounts\/[^/]+$/, 'GET /api/v3/connected_accounts/{nanoid} 200'],
  ['DELETE', /^\/connected_accounts\/[^/]+$/, 'DELETE /api/v3/connected_accounts/{nanoid} 200'],
  ['PATCH', /^\/connected_accounts\/[^/]+\/status$/, 'PATCH /api/v3/connected_accounts/{nanoId}/status 200'],
  ['POST', /^\/connected_accounts\/[^/]+\/refresh$/, 'POST /api/v3/connected_accounts/{nanoid}/refresh 200'],
  ['GET', /^\/auth_configs$/, 'GET /api/v3/auth_configs 200'],
  ['POST', /^\/auth_configs$/, 'POST /api/v3/auth_configs 201'],
  ['GET', /^\/auth_configs\/[^/]+$/, 'GET /api/v3/auth_configs/{nanoid} 200'],
  ['GET', /^\/toolkits$/, 'GET /api/v3/toolkits 200'],
  ['GET', /^\/toolkits\/categories$/, 'GET /api/v3/toolkits/categories 200'],
  ['GET', /^\/toolkits\/[^/]+$/, 'GET /api/v3/toolkits/{slug} 200'],
  ['GET', /^\/tools$/, 'GET /api/v3/tools 200'],
  ['GET', /^\/tools\/[^/]+$/, 'GET /api/v3/tools/{tool_slug} 200'],
  ['POST', /^\/tools\/execute\/[^/]+$/, 'POST /api/v3/tools/execute/{tool_slug} 200'],
];

/** Paths (like `items[0].meta.version`) of required fields missing from `value`. */
export function missingRequired(tree: RequiredTree, value: unknown, at = ''): string[] {
  if (value === null || value === undefined) return [];
  if (tree.items) {
    return Array.isArray(value)
      ? value.flatMap((item, index) => missingRequired(tree.items!, item, `${at}[${index}]`))
      : [];
  }
  if (typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const missing = (tree.required ?? []).filter((name) => !(name in record)).map((name) => `${at}.${name}`);
  for (const [name, subtree] of Object.entries(tree.properties ?? {})) {
    missing.push(...missingRequired(subtree, record[name], `${at}.${name}`));
  }
  return missing;
}

export const checkedResponses = new Set<string>();
export const requiredFieldViolations: string[] = [];
const responses = required.responses as Record<string, RequiredTree>;

const realFetch = globalThis.fetch;
/** Installed before any SDK client is built: the SDK's HTTP client takes `fetch` at construction. */
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  // Offline by construction: no test may reach Composio (its API, logo host or telemetry) or anything else.
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    throw new Error(`A contract test tried to leave the machine: ${request.method} ${url.origin}`);
  }
  const response = await realFetch(input, init);
  const path = url.pathname.replace(/^\/api\/v3\.1/, '');
  const route = url.pathname.startsWith('/api/v3.1/')
    ? routes.find(([method, pattern]) => method === request.method && pattern.test(path))
    : undefined;
  if (route && response.ok) {
    const body = (await response.clone().json()) as unknown;
    checkedResponses.add(route[2]);
    for (const field of missingRequired(responses[route[2]]!, body)) {
      requiredFieldViolations.push(`${route[2]}: ${field}`);
    }
  }
  return response;
};

/** Warnings the SDK logs when a response fails its own zod schemas. */
export function captureSdkWarnings() {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  return {
    validationWarnings: () => warnings.filter((warning) => /validation|Unsupported auth scheme/i.test(warning)),
    clear: () => void (warnings.length = 0),
    restore: () => void (console.warn = original),
  };
}

/**
 * A fresh emulator and SDK for one `describe` block, started before its tests
 * and closed after them, with the SDK's validation warnings captured.
 */
export function suiteEmulator(overrides: Partial<EmulatorConfig> = {}) {
  const suite = {} as {
    emulator: RunningEmulator;
    composio: Composio;
    warnings: ReturnType<typeof captureSdkWarnings>;
  };
  before(async () => {
    suite.warnings = captureSdkWarnings();
    suite.emulator = await startTestEmulator(overrides);
    suite.composio = sdk(suite.emulator);
  });
  beforeEach(() => suite.warnings.clear());
  after(async () => {
    suite.warnings.restore();
    await suite.emulator.close();
  });
  return suite;
}
