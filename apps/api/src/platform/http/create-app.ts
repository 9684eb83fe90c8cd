import fastifyCookie from '@fastify/cookie';
import { Logger, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from '../../app.module';
import type { AppConfig } from '../config/app-config';
import { resolveError } from '../errors/error-envelope';
import { ErrorEnvelopeFilter, sendError } from '../errors/error-envelope.filter';
import { useJsonBodyParser } from './json-body';
import { LoopTurns } from './loop-turns';
import { requestIdFor } from './request-id';
import { useSecurityTxt } from './security-txt';
import { useSecurityHeaders } from './security-headers';
import { SpaFallback } from './spa-fallback';
import { useTextBodyParsers } from './text-body';
import { useWebStatic } from './web-static';
import { useBinaryBodyParsers } from './binary-body';
import { createValidationPipe } from './validation';
import { isApiUrl } from './api-url';
import { addViewSchemas } from './api-view';
import { dropNoOpEnhancers } from './no-op-enhancers';
import { useRequestScope } from './request-scope';
import { ClsService } from 'nestjs-cls';
import { RequestLogging } from '../logging/request-logging';
import type { ShalaStore } from '../tenancy/request-context';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Mantine sets CSS variables and positions through style attributes; scripts stay strict.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const frameworkLogger = new Logger('Errors');

/**
 * Builds the HTTP application with every cross-cutting concern registered in this one place: Fastify
 * with its body limits and bounded JSON parser, request ids, pino logs, helmet, no-store on API answers,
 * CORS allowlist, versioned routes, the validation pipe, the error envelope (Nest routes body-parser
 * errors and unknown routes through it too), OpenAPI, security.txt and the SPA.
 */
export async function createApp(
  config: AppConfig,
  options: AppModuleOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (req: IncomingMessage) => requestIdFor(req),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    // Paths the router refuses (bad percent-encoding, over-long parameters) answer in the one envelope.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      sendError(reply, request, resolveError(error), frameworkLogger, error);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(PinoLogger));
  app.flushLogs();
  // nestjs-cls's pass-through guard and interceptor cost every request the interceptor chain (issue 18).
  dropNoOpEnhancers(app);

  const fastify = app.getHttpAdapter().getInstance();
  // APP-05: text bodies small except the CSV upload of the student import (the JSON parser follows init).
  useTextBodyParsers(fastify);
  // File bodies on their own routes only: the school logo (PNG/JPEG, 256 KB), a circular's PDF (5 MB).
  useBinaryBodyParsers(fastify);
  // Fairness under load (issue 17 item 10): on a saturated event loop requests take turns, so timers,
  // new connections and health checks are served between them; health checks never wait.
  const turns = new LoopTurns();
  fastify.addHook('onRequest', (request, _reply, done) => {
    const wait = request.url.startsWith('/api/health/') ? null : turns.enter();
    if (wait) void wait.then(() => done());
    else done();
  });
  // A callback hook: an async one costs every answer a promise and a turn of the microtask queue.
  fastify.addHook('onSend', (request, reply, _payload, done) => {
    reply.header('x-request-id', requestIdFor(request.raw));
    // API answers carry tenant data: never stored by a browser or a shared cache, unless a route set its
    // own policy. The SPA's static files keep theirs (set below).
    if (isApiUrl(request.url) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done();
  });

  // Before the routes: every request runs in its own context (tenant, request id, request log).
  useRequestScope(fastify, app.get<ClsService<ShalaStore>>(ClsService), app.get(RequestLogging));

  await app.register(fastifyCookie);
  useSecurityHeaders(fastify, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    strictTransportSecurity: config.isProductionLike ? { maxAge: 63072000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    // The same as Nginx's security-headers.conf (scripts/nginx-check.mjs compares them).
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  useSecurityTxt(fastify, config.publicUrl);
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, credentials: true, maxAge: 600 });
  }

  let spa: SpaFallback | null = null;
  if (config.webDist) {
    spa = new SpaFallback(config.webDist);
    await useWebStatic(app, config.webDist);
  }

  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorEnvelopeFilter(spa));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);

  if (config.openApiEnabled) {
    // Built on the first request for it, not at boot (a tenth of the cold start, issue 18).
    const document = () => {
      const built = SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('Shala API')
          .setDescription(
            'Multi-tenant school ERP. Errors answer { error: { code, message, details? }, requestId }.',
          )
          .setVersion('1')
          .addBearerAuth()
          .build(),
      );
      // The response views are generated from the @shala/contracts types (see api-view.ts).
      addViewSchemas(built);
      return built;
    };
    SwaggerModule.setup('api/docs', app, document, {
      jsonDocumentUrl: 'api/docs-json',
      useGlobalPrefix: false,
    });
  }

  await app.init();
  // APP-05: JSON bounded in depth, keys and NUL characters as it is parsed, before any validation walks
  // it. Swapped in after init, where Nest has registered its default JSON parser (the routes share the
  // instance's parser table, so they all get this one).
  useJsonBodyParser(fastify, config.bodyLimitBytes);
  await fastify.ready();
  return app;
}
