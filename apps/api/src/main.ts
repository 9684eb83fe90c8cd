import 'reflect-metadata';
import { ConfigError, loadConfig } from './platform/config/app-config';
import { createApp } from './platform/http/create-app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nShala refuses to start; fix the environment and try again.\n`);
      process.exit(78);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  process.stdout.write(
    `${JSON.stringify({ level: 30, time: Date.now(), msg: 'shala api listening', url: `http://${shownHost}:${port}`, env: config.env, database: config.database.kind })}\n`,
  );
}

// dist/main.js --write-code-cache (scripts/main-loader.cjs) evaluates every module for V8's code cache and
// starts nothing.
if (!(globalThis as Record<symbol, unknown>)[Symbol.for('shala.compileOnly')]) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `Shala failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
