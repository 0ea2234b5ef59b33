// What the load and benchmark scripts share: signing in a demo user over HTTP,
// timing one page request, percentiles. Loopback only. Starting servers: stack.ts.
import { request } from 'node:http';

/** Signs in through Auth.js's own endpoints (demo provider) and returns the session cookie, `name=value`. */
export async function signedInCookie(appUrl: string, email: string): Promise<string> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
  const response = await fetch(`${appUrl}/api/auth/callback/demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ email, csrfToken }),
    redirect: 'manual',
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('authjs.session-token='));
  if (!session) throw new Error(`sign-in failed for ${email}: ${response.status}`);
  return session.split(';')[0]!;
}

export type Timing = { status: number; ttfbMs: number; totalMs: number; body: string };

/** GETs a URL and times the first byte of the body and the last. */
export function timedGet(url: string, cookie: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let ttfbMs = NaN;
    const chunks: Buffer[] = [];
    request(url, { headers: { cookie } }, (response) => {
      response.on('data', (chunk: Buffer) => {
        if (chunks.length === 0) ttfbMs = performance.now() - started;
        chunks.push(chunk);
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          ttfbMs,
          totalMs: performance.now() - started,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/**
 * GETs a URL and times how long until the streamed body contains `marker` (the
 * moment a browser could paint it), and the whole document.
 */
export function timeUntil(url: string, cookie: string, marker: string): Promise<Timing & { markerMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let ttfbMs = NaN;
    let markerMs = NaN;
    const chunks: Buffer[] = [];
    let seen = '';
    request(url, { headers: { cookie } }, (response) => {
      response.on('data', (chunk: Buffer) => {
        const now = performance.now() - started;
        if (chunks.length === 0) ttfbMs = now;
        chunks.push(chunk);
        // Only the tail can complete a marker cut between chunks.
        seen = seen.slice(-marker.length) + chunk.toString();
        if (Number.isNaN(markerMs) && seen.includes(marker)) markerMs = now;
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          ttfbMs,
          markerMs,
          totalMs: performance.now() - started,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The emulator's test controls (`/_emulator/…`) at `emulatorUrl`: added latency and the log of Composio requests. */
export function emulatorControls(emulatorUrl: string) {
  async function control(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${emulatorUrl}/_emulator/${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`emulator control ${method} ${path}: ${response.status}`);
    return response.json();
  }
  async function log(): Promise<LoggedRequest[]> {
    const { requests } = (await control('GET', 'requests')) as {
      requests: { method: string; path: string; query: string; time: string }[];
    };
    return requests.map((entry) => ({
      request: `${entry.method} ${entry.path}`,
      query: entry.query,
      at: Date.parse(entry.time),
    }));
  }
  return {
    setLatency: (ms: number) => control('POST', 'latency', { ms }),
    /** Every Composio request whose path and query contain `match` answers `status` until clearFaults. */
    fail: (match: string, status: number) => control('POST', 'faults', { match, status, times: -1 }),
    clearFaults: () => control('DELETE', 'faults'),
    /** Composio requests made while `work` runs, including anything it leaves running briefly afterwards. */
    async countRequests(work: () => Promise<unknown>, settleMs = 250): Promise<string[]> {
      await control('DELETE', 'requests');
      await work();
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      return (await log()).map((entry) => entry.request);
    },
    /** The same, with each request's query and when it reached the emulator. */
    async requestLog(work: () => Promise<unknown>): Promise<LoggedRequest[]> {
      await control('DELETE', 'requests');
      await work();
      return log();
    },
    /** Every request since the log was last cleared (or the emulator started). */
    requestsSoFar: log,
  };
}

/** A Composio request as the emulator logged it: `GET /api/v3.1/toolkits`, `?limit=20`, epoch ms. */
export type LoggedRequest = { request: string; query: string; at: number };

export type EmulatorControls = ReturnType<typeof emulatorControls>;

/** `GET /api/v3.1/toolkits/gmail` → `GET /api/v3.1/toolkits/{id}`: one line per kind of request. */
export function requestPattern(request: string): string {
  return request.replace(
    /\/(toolkits|session|connected_accounts|auth_configs)\/(?!status$|link$|toolkits$)[^/]+/g,
    '/$1/{id}',
  );
}
