import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { levels } from 'pino';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { identityOf, requestIdFor } from '../http/request-id';

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
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const levelOf = requestLogLevel(config.logLevel);
            return {
              // Every route, in the router's own syntax: nestjs-pino's default ('*') made Nest warn on every
              // start that it had converted a legacy route path.
              forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
              pinoHttp: {
                ...(destination ? { stream: destination } : {}),
                level: config.logLevel,
                genReqId: (req: IncomingMessage) => requestIdFor(req),
                redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
                // Only once authentication has named them: an empty binding would cost a child logger per request.
                customProps: (req: IncomingMessage) => {
                  const identity = identityOf(req);
                  // pino-http skips a falsy binding at run time; its types only say object.
                  return (identity.tenantId || identity.userId ? identity : undefined) as unknown as object;
                },
                serializers: {
                  req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
                    id: req.id,
                    method: req.method,
                    url: redactUrl(req.url),
                    remoteAddress: req.remoteAddress,
                  }),
                  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
                },
                customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
                  levelOf(res.statusCode, err),
                autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/api/health/') },
                base: { service: 'shala-api' },
              },
            };
          },
        }),
      ],
    };
  }
}
