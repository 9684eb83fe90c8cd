import {
  CIRCULAR_ATTACHMENT_MAX_BYTES,
  CIRCULAR_ATTACHMENT_TYPE,
  INSTITUTION_LOGO_MAX_BYTES,
  INSTITUTION_LOGO_TYPES,
} from '@shala/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';

class UnsupportedBinaryBodyError extends Error {
  readonly statusCode = 415;
  readonly code = 'FST_ERR_CTP_INVALID_MEDIA_TYPE';
}

/** A kind of file body: its media types, its cap, and the only routes that take it. */
interface BinaryBody {
  what: string;
  types: readonly string[];
  maxBytes: number;
  routes: ReadonlySet<string>;
}

const BINARY_BODIES: readonly BinaryBody[] = [
  {
    what: 'an image',
    types: INSTITUTION_LOGO_TYPES,
    maxBytes: INSTITUTION_LOGO_MAX_BYTES,
    routes: new Set(['/api/v1/institution/logo']),
  },
  {
    what: 'a PDF',
    types: [CIRCULAR_ATTACHMENT_TYPE],
    maxBytes: CIRCULAR_ATTACHMENT_MAX_BYTES,
    routes: new Set(['/api/v1/circulars/:id/attachment']),
  },
];

/**
 * File bodies (the school logo's PNG or JPEG, a circular's PDF) arrive as Buffers, capped at their kind's
 * size (a bigger one answers 413 before it is read whole), and only on that kind's routes: any other route
 * answers 415. The declared type proves nothing; the receiving service checks the bytes themselves.
 */
export function useBinaryBodyParsers(fastify: FastifyInstance): void {
  for (const kind of BINARY_BODIES)
    fastify.addContentTypeParser(
      [...kind.types],
      { parseAs: 'buffer', bodyLimit: kind.maxBytes },
      (request: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => {
        if (!kind.routes.has(request.routeOptions.url ?? ''))
          done(new UnsupportedBinaryBodyError(`This route does not take ${kind.what} body.`));
        else done(null, body);
      },
    );
}
