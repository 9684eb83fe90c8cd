import type { IncomingMessage } from 'node:http';
import { v7 as uuidv7 } from 'uuid';

const REQUEST_ID = Symbol('shala.requestId');
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,128}$/;

type WithId = IncomingMessage & { [REQUEST_ID]?: string };

/**
 * One id per request, shared by Fastify, the logger and the request context. An incoming X-Request-Id
 * from the proxy is kept when it looks like an id; anything else is replaced.
 */
export function requestIdFor(req: IncomingMessage): string {
  const raw = req as WithId;
  if (raw[REQUEST_ID]) return raw[REQUEST_ID];
  const header = req.headers['x-request-id'];
  const candidate = Array.isArray(header) ? header[0] : header;
  const id = candidate && ACCEPTABLE.test(candidate) ? candidate : uuidv7();
  raw[REQUEST_ID] = id;
  return id;
}

const IDENTITY = Symbol('shala.identity');
type WithIdentity = IncomingMessage & { [IDENTITY]?: { tenantId: string; userId: string } };

/** Lets the request log line name the tenant and user once authentication has run. */
export function attachIdentity(req: IncomingMessage, identity: { tenantId: string; userId: string }): void {
  (req as WithIdentity)[IDENTITY] = identity;
}

export function identityOf(req: IncomingMessage): { tenantId?: string; userId?: string } {
  return (req as WithIdentity)[IDENTITY] ?? {};
}
