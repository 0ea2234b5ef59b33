import { env } from '@/lib/env';

/** Tells people the connections they make here are simulated, and how to use the real thing. */
export function EmulatorBanner() {
  if (!env().composio.usesLocalEmulator) return null;
  return (
    <div role="note" className="border-b bg-muted px-4 py-2 text-center text-sm text-muted-foreground">
      Connections are simulated by the local Composio emulator. To use real Composio, set{' '}
      <code className="font-mono">COMPOSIO_API_KEY</code> in <code className="font-mono">.env.local</code> and restart.
    </div>
  );
}
