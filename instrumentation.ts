/** Runs once when a server process starts: a bad environment stops it here, with one clear message. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env } = await import('./lib/env');
  const config = env();
  if (config.demoLogin && config.nodeEnv === 'production') {
    console.warn(
      '\n⚠️  DEMO SIGN-IN IS ON IN PRODUCTION: anyone can sign in as any email address without a password.\n' +
        '   Set AUTH_DEMO_LOGIN=false and configure a real provider before exposing this app.\n',
    );
  }
}
