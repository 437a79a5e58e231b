#!/usr/bin/env node
/** `npm run sidecar`: the sidecar as a process, configured from the environment. */
import { ConfigError, loadConfig } from './config';
import { startSidecar } from './sidecar';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const running = await startSidecar(config);
  let signals = 0;
  const shutdown = (signal: string) => {
    signals++;
    if (signals > 1) process.exit(130);
    process.stderr.write(`\n${signal}: stopping the sidecar (again to force)\n`);
    running.stop().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`stopping failed: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: Error) => {
  process.stderr.write(`The Stance sidecar could not start: ${error.message}\n`);
  process.exit(1);
});
