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

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
