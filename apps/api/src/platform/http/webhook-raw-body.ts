import { Inject, Injectable, OnModuleInit, Type, mixin } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { APP_CONFIG, AppConfig } from '../config/app-config';

const RAW_BODY = Symbol('shala.webhookRawBody');

type WithRawBody = FastifyRequest & { [RAW_BODY]?: Buffer };

/** The exact bytes a webhook POST arrived with (kept by webhookRawBodyCapture), for its HMAC check. */
export function webhookRawBody(request: FastifyRequest): Buffer | undefined {
  return (request as WithRawBody)[RAW_BODY];
}

/** The whole body, refused with 413 past `limit` bytes. */
async function readAll(payload: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit)
      throw Object.assign(new Error('Request body is too large'), {
        statusCode: 413,
        code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Keeps the raw bytes of POSTs under `prefix` on the request; the parser gets an empty object instead. A
 * callback hook, so every other request passes it without a promise and a microtask turn (issue 18).
 */
function captureRawBodiesUnder(instance: FastifyInstance, prefix: string, limit: number): void {
  instance.addHook('preParsing', (request, _reply, payload, done) => {
    if (request.method !== 'POST' || !request.url.startsWith(prefix)) {
      done(null, payload);
      return;
    }
    readAll(payload, limit).then(
      (raw) => {
        (request as WithRawBody)[RAW_BODY] = raw;
        const stand = Readable.from([Buffer.from('{}')]) as Readable & { receivedEncodedLength?: number };
        stand.receivedEncodedLength = raw.length;
        done(null, stand);
      },
      (error: Error) => done(error),
    );
  });
}

/**
 * A provider that keeps the raw body of provider webhook POSTs under one path prefix (APP-07): a Fastify
 * preParsing hook, limited to that prefix, reads the bytes onto the request (webhookRawBody) and hands
 * the content-type parser an empty object instead, so nothing of an unverified body is parsed before its
 * signature is checked (the handler verifies, then parses the raw bytes itself). The body limit still
 * applies, and `receivedEncodedLength` keeps Fastify's Content-Length check on the real bytes. Global
 * parsing is unchanged; contexts without an HTTP adapter (worker, CLI) add nothing.
 *
 * Usage, in a module's providers: `webhookRawBodyCapture('/api/v1/fees/webhooks/')`.
 */
export function webhookRawBodyCapture(prefix: string): Type<OnModuleInit> {
  @Injectable()
  class WebhookRawBodyCapture implements OnModuleInit {
    constructor(
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
      @Inject(APP_CONFIG) private readonly config: AppConfig,
    ) {}

    onModuleInit(): void {
      const instance = this.adapterHost?.httpAdapter?.getInstance<Partial<FastifyInstance> | undefined>();
      if (typeof instance?.addHook !== 'function') return;
      captureRawBodiesUnder(instance as FastifyInstance, prefix, this.config.bodyLimitBytes);
    }
  }
  return mixin(WebhookRawBodyCapture);
}
