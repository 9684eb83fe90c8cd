import { createHmac, randomUUID } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * Local stand-ins for the message providers, real servers on 127.0.0.1 speaking the documented shapes:
 * an SMTP server (smtp-server) that keeps what it receives, an SMS gateway with India's DLT fields and
 * idempotency keys, and the WhatsApp Cloud API's template message endpoint. Each can be told to fail.
 */

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Answers for the next requests: a status to fail with, or a delay before answering normally. */
interface Script {
  failures: number[];
  delayMs: number;
}

// --- SMS gateway --------------------------------------------------------------------------------------

export interface SmsRequest {
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: {
    to: string;
    sender: string;
    text: string;
    dlt: { entityId: string; templateId: string };
    reference: string;
  };
}

export interface FakeSmsGateway {
  url: string;
  /** Every request that reached the gateway, including failed and replayed ones. */
  requests: SmsRequest[];
  /** Messages the gateway accepted, once per idempotency key. */
  accepted: Map<string, { id: string; request: SmsRequest }>;
  /** The next `n` requests answer `status` (default 500). */
  failNext(n: number, status?: number): void;
  delayNext(ms: number): void;
  close(): Promise<void>;
}

/** POST /messages, Bearer API key, Idempotency-Key, { to, sender, text, dlt: { entityId, templateId } } -> { id }. */
export async function startFakeSmsGateway(): Promise<FakeSmsGateway> {
  const script: Script = { failures: [], delayMs: 0 };
  const requests: SmsRequest[] = [];
  const accepted = new Map<string, { id: string; request: SmsRequest }>();
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      if (req.method !== 'POST' || req.url !== '/messages') return send(res, 404, { error: 'not found' });
      const request: SmsRequest = {
        authorization: req.headers.authorization,
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        body: JSON.parse(raw) as SmsRequest['body'],
      };
      requests.push(request);
      if (script.delayMs) {
        const ms = script.delayMs;
        script.delayMs = 0;
        await new Promise((r) => setTimeout(r, ms));
      }
      const failure = script.failures.shift();
      if (failure) return send(res, failure, { error: 'gateway unavailable' });
      if (!request.authorization?.startsWith('Bearer ')) return send(res, 401, { error: 'no API key' });
      const b = request.body;
      if (!b.to || !b.sender || !b.text || !b.dlt?.entityId || !b.dlt?.templateId)
        return send(res, 400, { error: 'to, sender, text, dlt.entityId and dlt.templateId are required' });
      const key = request.idempotencyKey ?? randomUUID();
      const existing = accepted.get(key);
      if (existing) return send(res, 200, { id: existing.id, duplicate: true });
      const id = `sms-${randomUUID()}`;
      accepted.set(key, { id, request });
      send(res, 201, { id });
    })().catch(() => send(res, 400, { error: 'bad request' }));
  });
  const url = await listen(server);
  return {
    url,
    requests,
    accepted,
    failNext: (n, status = 500) => script.failures.push(...Array.from({ length: n }, () => status)),
    delayNext: (ms) => (script.delayMs = ms),
    close: () => closeServer(server),
  };
}

/** MSG91's delivery-report descriptions per status code (1 delivered, 2 failed, 9 NDNC, 16/25 rejected, 17 blocked). */
const MSG91_DESC: Record<string, string> = {
  '1': 'DELIVERED',
  '2': 'FAILED',
  '9': 'NDNC',
  '16': 'REJECTED',
  '17': 'BLOCKED',
  '25': 'REJECTED',
};

export interface DeliveryReport {
  requestId: string;
  status: string;
  desc?: string;
  failedReason?: string;
  /** India Standard Time, as MSG91 writes it. */
  date?: string;
}

/**
 * A delivery-report body as MSG91's SMS webhook (version 2) posts it: application/x-www-form-urlencoded
 * with one field `data`, a JSON array of { senderId, requestId, report: [...], userId, campaignName }.
 */
export function msg91DeliveryReport(reports: DeliveryReport[]): string {
  const data = reports.map((r) => ({
    senderId: 'SHALAS',
    requestId: r.requestId,
    report: [
      {
        date: r.date ?? '2026-07-10 10:06:20',
        amount: '0.01',
        clientid: '',
        INMSID: '0',
        CRQID: '0',
        ctCode: '900',
        number: '919812345678',
        credit: '1',
        status: r.status,
        desc: r.desc ?? MSG91_DESC[r.status] ?? 'PENDING',
        failedReason: r.failedReason ?? '',
      },
    ],
    userId: '271234',
    campaignName: 'API',
  }));
  return new URLSearchParams({ data: JSON.stringify(data) }).toString();
}

/** The gateway contract's signature on a delivery report: HMAC-SHA256 of "<timestamp>.<raw body>". */
export function signDeliveryReport(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): { 'x-dlr-timestamp': string; 'x-dlr-signature': string } {
  return {
    'x-dlr-timestamp': String(timestamp),
    'x-dlr-signature': `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
  };
}

// --- WhatsApp Cloud API ----------------------------------------------------------------------------------

export interface WhatsAppRequest {
  version: string;
  phoneNumberId: string;
  authorization: string | undefined;
  body: {
    messaging_product: string;
    to: string;
    type: string;
    template: {
      name: string;
      language: { code: string };
      components: { type: string; parameters: { type: string; text: string }[] }[];
    };
  };
  wamid: string | null;
}

export interface FakeWhatsApp {
  url: string;
  requests: WhatsAppRequest[];
  failNext(n: number, status?: number): void;
  close(): Promise<void>;
}

/** POST /{version}/{phone-number-id}/messages with a template message -> { messages: [{ id: wamid }] }. */
export async function startFakeWhatsApp(): Promise<FakeWhatsApp> {
  const script: Script = { failures: [], delayMs: 0 };
  const requests: WhatsAppRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const m = /^\/(v\d+\.\d+)\/(\d+)\/messages$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m)
        return send(res, 404, { error: { message: 'Unknown path', code: 100 } });
      const request: WhatsAppRequest = {
        version: m[1]!,
        phoneNumberId: m[2]!,
        authorization: req.headers.authorization,
        body: JSON.parse(raw) as WhatsAppRequest['body'],
        wamid: null,
      };
      requests.push(request);
      const failure = script.failures.shift();
      if (failure)
        return send(res, failure, { error: { message: 'Service temporarily unavailable', code: 2 } });
      if (!request.authorization?.startsWith('Bearer '))
        return send(res, 401, {
          error: { message: 'Invalid OAuth access token', type: 'OAuthException', code: 190 },
        });
      const b = request.body;
      const params = b.template?.components?.[0]?.parameters;
      if (
        b.messaging_product !== 'whatsapp' ||
        b.type !== 'template' ||
        !b.to ||
        !b.template?.name ||
        !b.template.language?.code ||
        b.template.components?.[0]?.type !== 'body' ||
        !Array.isArray(params) ||
        params.some((p) => p.type !== 'text' || typeof p.text !== 'string')
      )
        return send(res, 400, {
          error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 },
        });
      request.wamid = `wamid.${randomUUID().replace(/-/g, '')}`;
      send(res, 200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: b.to, wa_id: b.to }],
        messages: [{ id: request.wamid }],
      });
    })().catch(() => send(res, 400, { error: { message: 'bad request', code: 100 } }));
  });
  const url = await listen(server);
  return {
    url,
    requests,
    failNext: (n, status = 500) => script.failures.push(...Array.from({ length: n }, () => status)),
    close: () => closeServer(server),
  };
}

/** A WhatsApp Business webhook body with delivery statuses, as Meta sends it. */
export function whatsappStatusPayload(
  phoneNumberId: string,
  statuses: { id: string; status: string; timestamp?: number; errors?: { code: number; title: string }[] }[],
): object {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
              statuses: statuses.map((s) => ({
                id: s.id,
                status: s.status,
                timestamp: String(s.timestamp ?? Math.floor(Date.now() / 1000)),
                recipient_id: '919700000001',
                ...(s.errors ? { errors: s.errors } : {}),
              })),
            },
          },
        ],
      },
    ],
  };
}

// --- SMTP --------------------------------------------------------------------------------------------------

export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
}

export interface FakeSmtp {
  url: string;
  mails: ReceivedMail[];
  /** The next `n` messages are refused with this SMTP code (default 451, a temporary failure). */
  failNext(n: number, code?: number): void;
  waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=) in a header, decoded. */
function decodeHeader(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

/** A single-part text/plain message as nodemailer writes it: headers, then the encoded body. */
export function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = decodeHeader(line.slice(i + 1).trim());
  }
  const body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  // The SMTP DATA framing ends the body with a line break that is not part of the text.
  return { headers, text: text.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

export async function startFakeSmtp(): Promise<FakeSmtp> {
  const mails: ReceivedMail[] = [];
  const failures: number[] = [];
  const waiters: { predicate: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const code = failures.shift();
        if (code) {
          const error = Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), {
            responseCode: code,
          });
          return callback(error);
        }
        const { headers, text } = parseMail(Buffer.concat(chunks).toString('utf8'));
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          headers,
          subject: headers.subject ?? '',
          text,
        };
        mails.push(mail);
        for (const w of [...waiters])
          if (w.predicate(mail)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(mail);
          }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    failNext: (n, code = 451) => failures.push(...Array.from({ length: n }, () => code)),
    waitFor(predicate, timeoutMs = 10_000) {
      const found = mails.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no such mail arrived')), timeoutMs);
        waiters.push({
          predicate,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
