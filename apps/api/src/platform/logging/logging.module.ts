import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { Logger } from 'nestjs-pino';
import { levels } from 'pino';
import { pinoHttp } from 'pino-http';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { identityOf } from '../http/request-id';
import { RequestLogging, RequestPinoLogger } from './request-logging';

/** Paths pino replaces with [Redacted]: credentials, tokens and personal fields never reach the logs (DAT-05). */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hub-signature-256"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.mfaToken',
  '*.code',
  '*.recoveryCode',
  '*.secret',
  '*.email',
  '*.phone',
  '*.recipient',
  '*.nationalId',
];

/** Logs the path and the names of query parameters, never their values (reset tokens travel in links). */
export function redactUrl(url: string): string {
  const [path, query] = url.split('?', 2);
  if (!query) return path ?? url;
  const keys = query.split('&').map((pair) => `${decodeURIComponent(pair.split('=')[0] ?? '')}=[Redacted]`);
  return `${path}?${keys.join('&')}`;
}

type RequestLogLevel = 'error' | 'warn' | 'info' | 'silent';

/**
 * The request line's level, or 'silent' when the configured level would drop it anyway: pino-http then
 * skips the line's child logger and serialization (issue 18: at LOG_LEVEL=warn every 2xx answer paid for
 * a log line nobody writes).
 */
export function requestLogLevel(configured: string): (statusCode: number, err?: Error) => RequestLogLevel {
  const threshold = levels.values[configured] ?? levels.values.info!;
  return (statusCode, err) => {
    const level = err || statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
    return levels.values[level]! >= threshold ? level : 'silent';
  };
}

/** JSON logs with request id, tenant and user; `destination` lets tests read what would be written. */
@Module({})
export class LoggingModule {
  static forRoot(destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      providers: [
        {
          provide: RequestLogging,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            // pino-http builds the logger (its req, res and err serializers wrap ours); its middleware is not
            // used: the request-scope hook opens each request's log (platform/http/request-scope.ts).
            const { logger } = pinoHttp({
              ...(destination ? { stream: destination } : {}),
              level: config.logLevel,
              redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
              serializers: {
                req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
                  id: req.id,
                  method: req.method,
                  url: redactUrl(req.url),
                  remoteAddress: req.remoteAddress,
                }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              base: { service: 'shala-api' },
            });
            return new RequestLogging(logger, {
              levelOf: requestLogLevel(config.logLevel),
              // Only once authentication has named them: an empty binding would cost a child logger.
              propsOf: (req) => {
                const identity = identityOf(req);
                return identity.tenantId || identity.userId ? identity : undefined;
              },
              ignore: (req) => (req.url ?? '').startsWith('/api/health/'),
            });
          },
        },
        {
          // Nest's logger (app.useLogger), nestjs-pino's: lines written during a request carry its `req`.
          provide: Logger,
          inject: [RequestLogging],
          useFactory: (logging: RequestLogging) => new Logger(new RequestPinoLogger(logging.root), {}),
        },
      ],
      exports: [RequestLogging, Logger],
    };
  }
}
