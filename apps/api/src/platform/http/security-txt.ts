import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Where vulnerability reports go (RFC 9116 Contact). A deployment that runs its own disclosure desk
 * changes it here; docs/SECURITY.md describes the policy the Policy field points to.
 */
export const SECURITY_CONTACT = 'mailto:security@shala.example';

export const SECURITY_TXT_PATH = '/.well-known/security.txt';
export const SECURITY_POLICY_PATH = '/.well-known/security-policy.txt';

/** How far ahead Expires is set (RFC 9116 recommends less than a year). */
const EXPIRES_AFTER_DAYS = 180;

/** The disclosure policy, in short (docs/SECURITY.md has the full text). */
export const SECURITY_POLICY_TEXT = `Shala vulnerability disclosure policy

Report a suspected vulnerability to ${SECURITY_CONTACT.replace(/^mailto:/, '')}. Please include what you
found, how to reproduce it, and what an attacker could do with it. Do not include real personal data of
students, parents or staff: describe it, or use the demo data.

What we do: we acknowledge a report within 3 working days, tell you whether we accept it within 10
working days, and aim to fix critical and high issues within 30 days. We keep you informed, credit you
if you wish once a fix is out, and agree a disclosure date with you (normally 90 days after the report).

Good-faith research is welcome and we will not pursue legal action over it, provided you: test only
against your own installation or the demo; do not access, change or keep data that is not yours, and
stop and report as soon as you see any; do not degrade service (no denial of service, load or spam
testing, no social engineering or physical attacks); and give us a reasonable time to fix before
disclosure.

Out of scope: reports from automated scanners without a demonstrated impact, missing headers with no
exploit, self-XSS, and issues in a school's own infrastructure outside Shala.
`;

/** The security.txt document (RFC 9116) for an installation served at `publicUrl`. */
export function securityTxt(publicUrl: string, now: Date = new Date()): string {
  const base = publicUrl.replace(/\/$/, '');
  // Midnight UTC of a day EXPIRES_AFTER_DAYS ahead: the same all day, so caches agree.
  const expires = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + EXPIRES_AFTER_DAYS),
  );
  return [
    '# Shala: how to report a security vulnerability (RFC 9116).',
    `Contact: ${SECURITY_CONTACT}`,
    `Expires: ${expires.toISOString().replace(/\.000Z$/, 'Z')}`,
    'Preferred-Languages: en',
    `Canonical: ${base}${SECURITY_TXT_PATH}`,
    `Policy: ${base}${SECURITY_POLICY_PATH}`,
    '',
  ].join('\n');
}

/**
 * Serves /.well-known/security.txt and the policy it names, publicly, outside the versioned API (plain
 * Fastify routes: no tenant, no session, no data). Nginx proxies both paths here.
 */
export function useSecurityTxt(fastify: FastifyInstance, publicUrl: string): void {
  const send = (body: () => string) => async (_request: unknown, reply: FastifyReply) =>
    reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(body());
  fastify.get(
    SECURITY_TXT_PATH,
    send(() => securityTxt(publicUrl)),
  );
  fastify.get(
    SECURITY_POLICY_PATH,
    send(() => SECURITY_POLICY_TEXT),
  );
}
