import type { IncidentClockState, IncidentView } from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../src/platform/time/clock';
import { Signed, account, signIn } from './support/accounts';
import { raw } from './support/fake-providers-harness';
import { School, givenPlatform, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

const HOUR_MS = 60 * 60 * 1000;
type Page = { items: IncidentView[] };
type ErrorBody = { error: { code: string; details?: { field: string }[] } };

describe(`privacy: breach and incident register (${TEST_DB})`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let ls: School;
  let operator: Signed;
  let gwAdmin: Signed;
  let rsAdmin: Signed;
  let lsAdmin: Signed;
  let teacher: Signed;
  const clock = () => t.app.get(Clock);

  const call = (a: Signed, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.request({ method, url, headers: a.auth, ...(payload ? { payload } : {}) });
  const fieldsOf = (body: string) => [
    ...new Set((JSON.parse(body) as ErrorBody).error.details?.map((d) => d.field) ?? []),
  ];
  const states = (v: IncidentView) =>
    Object.fromEntries(v.clocks.map((c) => [c.key, c.state])) as Record<string, IncidentClockState>;
  const at = (base: string, hours: number) => new Date(new Date(base).getTime() + hours * HOUR_MS);
  const ago = (hours: number) => new Date(Date.now() - hours * HOUR_MS).toISOString();
  const incident = (extra: object = {}) => ({
    detectedAt: ago(2),
    nature: 'Mis-sent report cards',
    description: 'A batch of report cards went to the wrong parents.',
    categories: ['academic', 'contact'],
    subjectsCount: 40,
    whatsappInvolved: true,
    ...extra,
  });
  const operatorCreate = (extra: object = {}) =>
    call(operator, 'POST', '/api/v1/platform/incidents', {
      ...incident(extra),
      institutionIds: [gw.institution.id, rs.institution.id],
      ...extra,
    });
  const auditActions = async (tenantId: string, targetId: string) =>
    (
      await raw<{ action: string }>(
        t,
        'SELECT action FROM audit_events WHERE tenant_id = ? AND target_id = ?',
        [tenantId, targetId],
      )
    ).map((r) => r.action);

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood', 'Greenwood High'), 1, 1);
    rs = await givenSchool(t, await t.given.institution('riverside', 'Riverside Public'), 2, 1);
    ls = await givenSchool(t, await t.given.institution('lakeside', 'Lakeside Academy'), 3, 1);
    const platform = await givenPlatform(t);
    operator = await signIn(
      t,
      await account(t, platform, 'operator@shala.test', ['platform_operator'], true),
      '10.73.0.1',
    );
    gwAdmin = await signIn(t, gw.admin, '10.73.0.2', -1);
    rsAdmin = await signIn(t, rs.admin, '10.73.0.3', -1);
    lsAdmin = await signIn(t, ls.admin, '10.73.0.4', -1);
    teacher = await signIn(t, gw.teacher, '10.73.0.5');
  }, 120_000);

  afterAll(async () => {
    clock().setForTests(null);
    await t?.close();
  });

  it('an operator records an incident for two schools: clocks at 24 h / 72 h / 48 h from detection, all pending', async () => {
    const detectedAt = ago(2);
    const res = await operatorCreate({ detectedAt });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json<IncidentView>();
    expect(view).toMatchObject({
      origin: 'platform',
      status: 'open',
      affectedSchoolCount: 2,
      editable: true,
    });
    expect(view.affectedSchools!.map((s) => s.name).sort()).toEqual(['Greenwood High', 'Riverside Public']);
    const deadline = (key: string) => view.clocks.find((c) => c.key === key)!.deadline;
    expect(deadline('schools')).toBe(at(detectedAt, 24).toISOString());
    expect(deadline('board')).toBe(at(detectedAt, 72).toISOString());
    expect(deadline('meta')).toBe(at(detectedAt, 48).toISOString());
    expect(states(view)).toEqual({ schools: 'pending', board: 'pending', meta: 'pending' });
    expect(view.events.map((e) => e.kind)).toEqual(['created']);
    expect(view.events[0]!.actorName).toBe('operator');
  });

  it('queues a notice to each affected school admin in the outbox, never claims it was sent, and says when no channel is set up', async () => {
    const res = await operatorCreate({ nature: 'Outbox check' });
    const view = res.json<IncidentView>();
    expect(view.notice).not.toBeNull();
    expect(view.notice!.messages).toBe(2);
    expect(['queued', 'no_channel']).toContain(view.notice!.status);
    expect(JSON.stringify(view.notice)).not.toMatch(/sent/i);
    const rows = await raw<{ tenant_id: string; recipient: string; status: string; idempotency_key: string }>(
      t,
      "SELECT tenant_id, recipient, status, idempotency_key FROM outbox_messages WHERE template = 'privacy_incident_notice' AND idempotency_key LIKE ?",
      [`privacy-incident:${view.id}:%`],
    );
    expect(rows.map((r) => [r.tenant_id, r.recipient]).sort()).toEqual(
      [
        [gw.institution.id, gw.admin.email],
        [rs.institution.id, rs.admin.email],
      ].sort(),
    );
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
    // No email channel is set up in the test schools: the answer says so.
    expect(view.notice).toMatchObject({ status: 'no_channel', schoolsWithoutChannel: 2 });
  });

  it('turns clocks overdue past their deadline, and done on time or late by the recorded notified-at', async () => {
    const detectedAt = ago(100);
    const created = (await operatorCreate({ detectedAt })).json<IncidentView>();
    // Seen at detection + 25 h: the schools clock is overdue, Meta (48 h) and the Board (72 h) are not.
    clock().setForTests(at(detectedAt, 25));
    try {
      const v = (
        await call(operator, 'GET', `/api/v1/platform/incidents/${created.id}`)
      ).json<IncidentView>();
      expect(states(v)).toEqual({ schools: 'overdue', board: 'pending', meta: 'pending' });
      clock().setForTests(at(detectedAt, 49));
      const v2 = (
        await call(operator, 'GET', `/api/v1/platform/incidents/${created.id}`)
      ).json<IncidentView>();
      expect(states(v2)).toEqual({ schools: 'overdue', board: 'pending', meta: 'overdue' });
    } finally {
      clock().setForTests(null);
    }
    const notify = (target: string, hours: number) =>
      call(operator, 'POST', `/api/v1/platform/incidents/${created.id}/events`, {
        kind: 'notified',
        target,
        notifiedAt: at(detectedAt, hours).toISOString(),
        text: `told ${target}`,
      });
    expect((await notify('schools', 10)).statusCode).toBe(200);
    expect((await notify('meta', 47)).statusCode).toBe(200);
    const res = await notify('board', 80);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json<IncidentView>();
    expect(states(v)).toEqual({ schools: 'done_on_time', board: 'done_late', meta: 'done_on_time' });
    expect(v.clocks.find((c) => c.key === 'board')!.notifiedAt).toBe(at(detectedAt, 80).toISOString());
    expect(v.events.map((e) => [e.kind, e.target])).toEqual([
      ['created', null],
      ['notified', 'schools'],
      ['notified', 'meta'],
      ['notified', 'board'],
    ]);
    expect(v.events.every((e) => e.actorUserId && e.at)).toBe(true);
  });

  it('has no Meta clock without WhatsApp, and refuses a Meta notification then', async () => {
    const v = (await operatorCreate({ whatsappInvolved: false })).json<IncidentView>();
    expect(states(v).meta).toBe('not_applicable');
    const res = await call(operator, 'POST', `/api/v1/platform/incidents/${v.id}/events`, {
      kind: 'notified',
      target: 'meta',
      notifiedAt: new Date().toISOString(),
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['target']);
  });

  it("a school admin sees an operator's incident naming their school, without the other schools' names, read-only", async () => {
    const id = (await operatorCreate({ nature: 'Shared vendor leak' })).json<IncidentView>().id;
    const list = await call(gwAdmin, 'GET', '/api/v1/privacy/incidents');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.body).not.toContain('Riverside');
    expect(list.body).not.toContain(rs.institution.id);
    const seen = list.json<Page>().items.find((i) => i.id === id)!;
    expect(seen).toMatchObject({
      origin: 'platform',
      affectedSchools: null,
      affectedSchoolCount: 2,
      editable: false,
    });
    expect(seen.events.every((e) => e.actorName === null && e.actorUserId === null)).toBe(true);
    const one = await call(gwAdmin, 'GET', `/api/v1/privacy/incidents/${id}`);
    expect(one.statusCode).toBe(200);
    expect(one.body).not.toContain('Riverside');
    const note = await call(gwAdmin, 'POST', `/api/v1/privacy/incidents/${id}/events`, {
      kind: 'note',
      text: 'x',
    });
    expect(note.statusCode).toBe(409);
    expect(note.json<ErrorBody>().error.code).toBe('PRIVACY_INCIDENT_MANAGED_BY_OPERATOR');
    expect((await call(rsAdmin, 'GET', `/api/v1/privacy/incidents/${id}`)).statusCode).toBe(200);
    expect(await auditActions(gw.institution.id, id)).toContain('privacy.incidents.linked');
  });

  it('[TEN-04] a school not named, and a school reading another school’s own incident, get 404 and list none of it', async () => {
    const platformId = (await operatorCreate({ nature: 'Not for lakeside' })).json<IncidentView>().id;
    const own = await call(
      gwAdmin,
      'POST',
      '/api/v1/privacy/incidents',
      incident({ nature: 'Lost register' }),
    );
    expect(own.statusCode, own.body).toBe(201);
    const ownId = own.json<IncidentView>().id;
    for (const id of [platformId, ownId]) {
      expect((await call(lsAdmin, 'GET', `/api/v1/privacy/incidents/${id}`)).statusCode).toBe(404);
      expect(
        (await call(lsAdmin, 'POST', `/api/v1/privacy/incidents/${id}/close`, { rootCause: 'x' })).statusCode,
      ).toBe(404);
    }
    expect((await call(rsAdmin, 'GET', `/api/v1/privacy/incidents/${ownId}`)).statusCode).toBe(404);
    expect(
      (await call(rsAdmin, 'POST', `/api/v1/privacy/incidents/${ownId}/events`, { kind: 'note', text: 'x' }))
        .statusCode,
    ).toBe(404);
    const lsList = (await call(lsAdmin, 'GET', '/api/v1/privacy/incidents')).json<Page>().items;
    expect(lsList).toEqual([]);
    const rsList = (await call(rsAdmin, 'GET', '/api/v1/privacy/incidents')).json<Page>().items;
    expect(rsList.map((i) => i.id)).not.toContain(ownId);
    // The operator's list holds only the operator's incidents, not a school's own.
    const opList = (await call(operator, 'GET', '/api/v1/platform/incidents')).json<Page>().items;
    expect(opList.map((i) => i.id)).not.toContain(ownId);
    expect((await call(operator, 'GET', `/api/v1/platform/incidents/${ownId}`)).statusCode).toBe(404);
  });

  it('a school records its own incident, its timeline grows with each change, and closing needs a root cause', async () => {
    const created = await call(
      gwAdmin,
      'POST',
      '/api/v1/privacy/incidents',
      incident({ whatsappInvolved: false }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const v = created.json<IncidentView>();
    expect(v).toMatchObject({
      origin: 'school',
      affectedSchools: null,
      affectedSchoolCount: 1,
      editable: true,
    });
    expect(v.notice).toMatchObject({ messages: 1 });
    const url = `/api/v1/privacy/incidents/${v.id}`;
    const contained = await call(gwAdmin, 'POST', `${url}/events`, { kind: 'containment', text: 'Recalled' });
    expect(contained.statusCode, contained.body).toBe(200);
    expect(contained.json<IncidentView>().containment).toBe('Recalled');
    await call(gwAdmin, 'POST', `${url}/events`, { kind: 'mitigation', text: 'Two-person check' });
    await call(gwAdmin, 'POST', `${url}/events`, { kind: 'note', text: 'Parents called' });
    for (const body of [{}, { rootCause: '   ' }]) {
      const bad = await call(gwAdmin, 'POST', `${url}/close`, body);
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['rootCause']);
    }
    const closed = await call(gwAdmin, 'POST', `${url}/close`, { rootCause: 'Mail merge used a stale list' });
    expect(closed.statusCode, closed.body).toBe(200);
    const c = closed.json<IncidentView>();
    expect(c).toMatchObject({ status: 'closed', rootCause: 'Mail merge used a stale list', editable: false });
    expect(c.closedAt).not.toBeNull();
    expect(c.events.map((e) => e.kind)).toEqual(['created', 'containment', 'mitigation', 'note', 'closed']);
    expect(c.events.every((e) => e.actorName && e.actorUserId)).toBe(true);
    const again = await call(gwAdmin, 'POST', `${url}/close`, { rootCause: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe('PRIVACY_INCIDENT_CLOSED');
    expect((await call(gwAdmin, 'POST', `${url}/events`, { kind: 'note', text: 'late' })).statusCode).toBe(
      409,
    );
    expect(await auditActions(gw.institution.id, v.id)).toEqual(
      expect.arrayContaining([
        'privacy.incidents.create',
        'privacy.incidents.event',
        'privacy.incidents.close',
      ]),
    );
  });

  it('audits every operator step in the platform tenant', async () => {
    const v = (await operatorCreate({ nature: 'Audited' })).json<IncidentView>();
    await call(operator, 'POST', `/api/v1/platform/incidents/${v.id}/events`, { kind: 'note', text: 'n' });
    await call(operator, 'POST', `/api/v1/platform/incidents/${v.id}/close`, { rootCause: 'vendor bug' });
    const [row] = await raw<{ tenant_id: string }>(
      t,
      'SELECT tenant_id FROM privacy_incidents WHERE id = ?',
      [v.id],
    );
    expect((await auditActions(row!.tenant_id, v.id)).sort()).toEqual([
      'privacy.incidents.close',
      'privacy.incidents.create',
      'privacy.incidents.event',
    ]);
  });

  it('validates with a 400 naming each bad field', async () => {
    const bad = await call(gwAdmin, 'POST', '/api/v1/privacy/incidents', {
      detectedAt: '9999-12-31T00:00:00Z',
      nature: '',
      description: 'x'.repeat(4001),
      categories: ['gossip'],
      subjectsCount: -1,
      whatsappInvolved: 'yes',
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(
      expect.arrayContaining(['detectedAt', 'nature', 'description', 'subjectsCount', 'whatsappInvolved']),
    );
    expect(fieldsOf(bad.body).some((f) => f.startsWith('categories'))).toBe(true);
    const future = await call(
      gwAdmin,
      'POST',
      '/api/v1/privacy/incidents',
      incident({ detectedAt: at(new Date().toISOString(), 2).toISOString() }),
    );
    expect(future.statusCode).toBe(400);
    expect(fieldsOf(future.body)).toEqual(['detectedAt']);
    const noSchools = await call(operator, 'POST', '/api/v1/platform/incidents', {
      ...incident(),
      institutionIds: [],
    });
    expect(fieldsOf(noSchools.body)).toEqual(['institutionIds']);
    const unknown = await call(operator, 'POST', '/api/v1/platform/incidents', {
      ...incident(),
      institutionIds: ['018f2f6e-0000-7000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['institutionIds']);
    const id = (await operatorCreate()).json<IncidentView>().id;
    const events = `/api/v1/platform/incidents/${id}/events`;
    const noText = await call(operator, 'POST', events, { kind: 'note' });
    expect(fieldsOf(noText.body)).toEqual(['text']);
    const noTarget = await call(operator, 'POST', events, { kind: 'notified' });
    expect(fieldsOf(noTarget.body)).toEqual(expect.arrayContaining(['target', 'notifiedAt']));
    const early = await call(operator, 'POST', events, {
      kind: 'notified',
      target: 'board',
      notifiedAt: ago(500),
    });
    expect(early.statusCode).toBe(400);
    expect(fieldsOf(early.body)).toEqual(['notifiedAt']);
  });

  it('keeps operator routes from school admins, and school routes from teachers and operators', async () => {
    expect((await call(gwAdmin, 'GET', '/api/v1/platform/incidents')).statusCode).toBe(403);
    expect((await call(teacher, 'GET', '/api/v1/privacy/incidents')).statusCode).toBe(403);
    expect((await call(operator, 'GET', '/api/v1/privacy/incidents')).statusCode).toBe(403);
  });
});
