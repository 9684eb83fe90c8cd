import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
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

/** JSON logs with request id, tenant and user; `destination` lets tests read what would be written. */
@Module({})
export class LoggingModule {
  static forRoot(destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              ...(destination ? { stream: destination } : {}),
              level: config.logLevel,
              genReqId: (req: IncomingMessage) => requestIdFor(req),
              redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
              customProps: (req: IncomingMessage) => identityOf(req),
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
                err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
              autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/api/health/') },
              base: { service: 'shala-api' },
            },
          }),
        }),
      ],
    };
  }
}
