import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { WorkerAppModule } from './modules/notifications/worker-app.module';
import { ConfigError, loadConfig } from './platform/config/app-config';

/**
 * The background worker (`node dist/worker.js`, compose service `worker`): drains the notification
 * outbox and runs the daily retention purge. Several may run side by side on MySQL/MariaDB (claims use
 * FOR UPDATE SKIP LOCKED). SIGTERM finishes the message in hand, releases the rest of the claim, closes.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nThe Shala worker refuses to start; fix the environment.\n`);
      process.exit(78);
    }
    throw error;
  }
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(PinoLogger));
  app.flushLogs();
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  process.stdout.write(
    `${JSON.stringify({ level: 30, time: Date.now(), msg: 'shala worker running', env: config.env, database: config.database.kind })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Shala worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
