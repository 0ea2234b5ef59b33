// `npm run emulator`: the local Composio emulator on its own (README: "The local Composio emulator").
import { startEmulator } from './app';
import { configFromEnv } from './config';

const config = configFromEnv();
const emulator = await startEmulator(config);
console.log(`Composio emulator listening on ${emulator.url} (API key: ${config.apiKey})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void emulator.close().finally(() => process.exit(0));
  });
}
