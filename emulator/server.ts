// `npm run emulator`: the local Composio emulator on its own (docs/development.md, "The local Composio emulator").
import { startEmulator } from './app';
import { configFromEnv } from './config';

const config = configFromEnv();
const emulator = await startEmulator(config).catch((error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(
    `Port ${config.port} is already in use: stop what is using it, or set COMPOSIO_EMULATOR_PORT to a free port.`,
  );
  process.exit(1);
});
console.log(`Composio emulator listening on ${emulator.url} (API key: ${config.apiKey})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void emulator.close().finally(() => process.exit(0));
  });
}
