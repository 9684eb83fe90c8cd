import { CIRCULAR_ATTACHMENT_MAX_BYTES, CIRCULAR_ATTACHMENT_TYPE } from '@shala/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The routes that take a PDF body: a circular's attachment (PUT). */
export const PDF_UPLOAD_ROUTES: ReadonlySet<string> = new Set(['/api/v1/circulars/:id/attachment']);

class UnsupportedPdfBodyError extends Error {
  readonly statusCode = 415;
  readonly code = 'FST_ERR_CTP_INVALID_MEDIA_TYPE';
}

/**
 * application/pdf bodies arrive as Buffers, capped at 5 MB (a bigger one answers 413 before it is read
 * whole), and only on PDF_UPLOAD_ROUTES: any other route answers 415 to a PDF. The declared type proves
 * nothing; the circulars service checks the bytes themselves (`%PDF-`).
 */
export function usePdfBodyParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(
    CIRCULAR_ATTACHMENT_TYPE,
    { parseAs: 'buffer', bodyLimit: CIRCULAR_ATTACHMENT_MAX_BYTES },
    (request: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => {
      if (!PDF_UPLOAD_ROUTES.has(request.routeOptions.url ?? ''))
        done(new UnsupportedPdfBodyError('This route does not take a PDF body.'));
      else done(null, body);
    },
  );
}
