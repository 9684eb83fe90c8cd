import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';

export const WHATSAPP_WEBHOOK_PREFIX = '/api/v1/notifications/webhooks/whatsapp/';
const RAW_BODY = Symbol('shala.webhookRawBody');

type WithRawBody = FastifyRequest & { [RAW_BODY]?: Buffer };

/** The exact bytes a webhook POST arrived with (set by WebhookRawBody), for its HMAC check. */
export function webhookRawBody(request: FastifyRequest): Buffer | undefined {
  return (request as WithRawBody)[RAW_BODY];
}

/**
 * Keeps the raw body of WhatsApp webhook POSTs (APP-07): a Fastify preParsing hook, limited to the webhook
 * path, reads the bytes onto the request and hands the JSON parser an empty object instead, so nothing
 * of an unverified body is parsed before its signature is checked (the handler verifies, then parses the
 * raw bytes itself). `receivedEncodedLength` keeps Fastify's Content-Length check on the real bytes.
 * Contexts without an HTTP adapter (worker, CLI) add nothing.
 */
@Injectable()
export class WebhookRawBody implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const instance = this.adapterHost?.httpAdapter?.getInstance<Partial<FastifyInstance> | undefined>();
    if (typeof instance?.addHook !== 'function') return;
    const limit = this.config.bodyLimitBytes;
    instance.addHook('preParsing', async (request: FastifyRequest, _reply: unknown, payload: Readable) => {
      if (request.method !== 'POST' || !request.url.startsWith(WHATSAPP_WEBHOOK_PREFIX)) return payload;
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
      const raw = Buffer.concat(chunks);
      (request as WithRawBody)[RAW_BODY] = raw;
      const stand = Readable.from([Buffer.from('{}')]) as Readable & { receivedEncodedLength?: number };
      stand.receivedEncodedLength = raw.length;
      return stand;
    });
  }
}
