import { INSTITUTION_LOGO_MAX_BYTES, INSTITUTION_LOGO_TYPES } from '@shala/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The one route that takes an image body: the school logo upload (PUT). */
export const IMAGE_UPLOAD_ROUTES: ReadonlySet<string> = new Set(['/api/v1/institution/logo']);

class UnsupportedImageBodyError extends Error {
  readonly statusCode = 415;
  readonly code = 'FST_ERR_CTP_INVALID_MEDIA_TYPE';
}

/**
 * image/png and image/jpeg bodies arrive as Buffers, capped at the logo's 256 KB (a bigger one answers 413
 * before it is read whole), and only on IMAGE_UPLOAD_ROUTES: any other route answers 415 to an image. The
 * declared type proves nothing; the logo service checks the bytes themselves.
 */
export function useImageBodyParsers(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(
    [...INSTITUTION_LOGO_TYPES],
    { parseAs: 'buffer', bodyLimit: INSTITUTION_LOGO_MAX_BYTES },
    (request: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => {
      if (!IMAGE_UPLOAD_ROUTES.has(request.routeOptions.url ?? ''))
        done(new UnsupportedImageBodyError('This route does not take an image body.'));
      else done(null, body);
    },
  );
}
