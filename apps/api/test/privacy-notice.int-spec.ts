import {
  DEMO_PASSWORD,
  DefaultRole,
  type MyPrivacyNoticeView,
  type PrivacyNoticeView,
  type PublicPrivacyPage,
} from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Signed, account, signIn } from './support/accounts';
import { seedDemo } from './support/demo';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

const CONTACT = 'Grievance officer: Meera Rao, privacy@greenwood.test, +91 80 4000 1234';

describe(`privacy notice: versions, acceptance and the public page (${TEST_DB})`, () => {
  let t: TestApp;
  let admin: Signed;
  let rsAdmin: Signed;
  let parent: Signed;
  let parent2: Signed;
  let teacher: Signed;
  let adminEmail: string;
  let parentId: string;

  const call = (a: Signed | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.request({ method, url, ...(a ? { headers: a.auth } : {}), ...(payload ? { payload } : {}) });
  const draft = (a: Signed, body: object) => call(a, 'POST', '/api/v1/privacy/notices', body);
  const publish = (a: Signed, id: string) => call(a, 'POST', `/api/v1/privacy/notices/${id}/publish`);
  const mine = async (a: Signed) => {
    const res = await call(a, 'GET', '/api/v1/me/privacy-notice');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<MyPrivacyNoticeView>();
  };
  const accept = (a: Signed, version: number) =>
    call(a, 'POST', '/api/v1/me/privacy-notice/accept', { version });
  const versions = async (a: Signed) =>
    (await call(a, 'GET', '/api/v1/privacy/notices')).json<{ items: PrivacyNoticeView[] }>().items;
  const auditActions = async (targetId: string) =>
    (await call(admin, 'GET', `/api/v1/audit/events?targetId=${targetId}&limit=100`))
      .json<{ items: { action: string; actorUserId: string | null }[] }>()
      .items.filter((e) => e.action.startsWith('privacy.notice'));

  /** Creates and publishes a version; answers it. */
  async function published(a: Signed, bodyEn: string): Promise<PrivacyNoticeView> {
    const created = await draft(a, { bodyEn, contact: CONTACT });
    expect(created.statusCode, created.body).toBe(201);
    const res = await publish(a, created.json<PrivacyNoticeView>().id);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PrivacyNoticeView>();
  }

  beforeAll(async () => {
    t = await bootTestApp();
    const gw = await t.given.institution('greenwood');
    const rs = await t.given.institution('riverside');
    adminEmail = 'admin@greenwood.test';
    admin = await signIn(
      t,
      await account(t, gw, adminEmail, [DefaultRole.SchoolAdmin], true),
      '10.72.0.1',
      -1,
    );
    rsAdmin = await signIn(
      t,
      await account(t, rs, 'admin@riverside.test', [DefaultRole.SchoolAdmin], true),
      '10.72.0.2',
      -1,
    );
    const parentAccount = await account(t, gw, 'parent@greenwood.test', [DefaultRole.Parent]);
    parentId = parentAccount.id;
    parent = await signIn(t, parentAccount, '10.72.0.3');
    parent2 = await signIn(
      t,
      await account(t, gw, 'parent2@greenwood.test', [DefaultRole.Parent]),
      '10.72.0.4',
    );
    teacher = await signIn(
      t,
      await account(t, gw, 'teacher@greenwood.test', [DefaultRole.Teacher]),
      '10.72.0.5',
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('asks nobody to accept while the school has published no notice', async () => {
    expect(await mine(parent)).toEqual({ notice: null, acceptedAt: null, mustAccept: false });
    const res = await accept(parent, 1);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('PRIVACY_NOTICE_NOT_CURRENT');
  });

  it('keeps one draft at a time, editable until it is published, then unchangeable', async () => {
    const created = await draft(admin, { bodyEn: '  Draft one  ', bodyHi: '   ', contact: CONTACT });
    expect(created.statusCode, created.body).toBe(201);
    const v = created.json<PrivacyNoticeView>();
    expect(v).toMatchObject({
      version: 1,
      status: 'draft',
      bodyEn: 'Draft one',
      bodyHi: null,
      current: false,
    });
    // A draft is not in force: parents see nothing yet.
    expect((await mine(parent)).notice).toBeNull();
    const second = await draft(admin, { bodyEn: 'Another', contact: CONTACT });
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json<{ error: { code: string } }>().error.code).toBe('PRIVACY_NOTICE_DRAFT_EXISTS');
    const edited = await call(admin, 'PATCH', `/api/v1/privacy/notices/${v.id}`, {
      bodyEn: 'We keep your data safe.\n\n- attendance\n- fees',
      bodyHi: 'हम आपका डेटा सुरक्षित रखते हैं।',
      contact: CONTACT,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<PrivacyNoticeView>()).toMatchObject({
      version: 1,
      bodyHi: 'हम आपका डेटा सुरक्षित रखते हैं।',
    });
    const pub = await publish(admin, v.id);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json<PrivacyNoticeView>()).toMatchObject({ status: 'published', current: true });
    expect(pub.json<PrivacyNoticeView>().publishedAt).not.toBeNull();
    const again = await call(admin, 'PATCH', `/api/v1/privacy/notices/${v.id}`, {
      bodyEn: 'x',
      contact: 'y',
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('PRIVACY_NOTICE_NOT_A_DRAFT');
    expect((await publish(admin, v.id)).statusCode).toBe(409);
    expect((await auditActions(v.id)).map((e) => e.action)).toEqual(['privacy.notice.publish']);
  });

  it('asks a parent to accept the version in force, records the acceptance once, and audits it', async () => {
    const before = await mine(parent);
    expect(before.notice).toMatchObject({ version: 1, contact: CONTACT });
    expect(before).toMatchObject({ acceptedAt: null, mustAccept: true });
    // Staff read it but are not stopped by it.
    expect(await mine(teacher)).toMatchObject({ acceptedAt: null, mustAccept: false });
    const res = await accept(parent, 1);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<MyPrivacyNoticeView>()).toMatchObject({ mustAccept: false });
    expect(res.json<MyPrivacyNoticeView>().acceptedAt).not.toBeNull();
    // Accepting again changes nothing and records nothing more.
    expect((await accept(parent, 1)).statusCode).toBe(200);
    // Acceptance is per user: the other parent still has to accept.
    expect((await mine(parent2)).mustAccept).toBe(true);
    const [v1] = await versions(admin);
    expect(v1).toMatchObject({ version: 1, acceptances: 1 });
    const accepted = (await auditActions(v1!.id)).filter((e) => e.action === 'privacy.notice.accept');
    expect(accepted).toEqual([expect.objectContaining({ actorUserId: parentId })]);
  });

  it('asks again when a new version is published, and refuses acceptance of an old one', async () => {
    const v2 = await published(admin, 'Version two: we now use WhatsApp too.');
    expect(v2).toMatchObject({ version: 2, current: true });
    const list = await versions(admin);
    expect(list.map((v) => [v.version, v.status, v.current])).toEqual([
      [2, 'published', true],
      [1, 'published', false],
    ]);
    // The old version stays readable, unchanged.
    expect(list[1]!.bodyEn).toBe('We keep your data safe.\n\n- attendance\n- fees');
    const now = await mine(parent);
    expect(now).toMatchObject({ notice: { version: 2 }, acceptedAt: null, mustAccept: true });
    const stale = await accept(parent, 1);
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json<{ error: { code: string } }>().error.code).toBe('PRIVACY_NOTICE_NOT_CURRENT');
    expect((await accept(parent, 2)).statusCode).toBe(200);
    expect(await mine(parent)).toMatchObject({ notice: { version: 2 }, mustAccept: false });
  });

  it('shows the public page without sign-in: only that school, no personal data', async () => {
    await published(rsAdmin, 'Riverside notice text.');
    const res = await call(null, 'GET', '/api/v1/public/schools/greenwood/privacy');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<PublicPrivacyPage>();
    expect(page.school).toEqual({ slug: 'greenwood', name: expect.any(String) });
    expect(page.notice).toMatchObject({ version: 2, bodyEn: 'Version two: we now use WhatsApp too.' });
    expect(page.recordsOfProcessing.activities.length).toBeGreaterThan(0);
    expect(page.subProcessors.items.map((s) => s.service)).toContain('hosting');
    // No other school's notice, no user ids or emails, no staff ids, not where the database runs.
    expect(res.body).not.toContain('Riverside notice text.');
    for (const secret of [parentId, adminEmail, 'parent@greenwood.test', 'createdBy', 'publishedBy'])
      expect(res.body).not.toContain(secret);
    expect(page.subProcessors.items.find((s) => s.service === 'hosting')!.name).toBe(
      'The installation operator',
    );
    expect(Object.keys(page.notice!).sort()).toEqual([
      'bodyEn',
      'bodyHi',
      'contact',
      'publishedAt',
      'version',
    ]);
    const rs = (
      await call(null, 'GET', '/api/v1/public/schools/riverside/privacy')
    ).json<PublicPrivacyPage>();
    expect(rs.notice).toMatchObject({ version: 1, bodyEn: 'Riverside notice text.' });
  });

  it('answers 404 for an unknown school, the platform and a malformed slug', async () => {
    for (const slug of ['nowhere', 'platform', 'GREENWOOD%20x', '..%2Fadmin'])
      expect((await call(null, 'GET', `/api/v1/public/schools/${slug}/privacy`)).statusCode, slug).toBe(404);
  });

  it("answers 404 to another school's admin for this school's versions, and lists only their own", async () => {
    const created = await draft(admin, { bodyEn: 'Greenwood draft three', contact: CONTACT });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<PrivacyNoticeView>().id;
    const edit = await call(rsAdmin, 'PATCH', `/api/v1/privacy/notices/${id}`, {
      bodyEn: 'hijack',
      contact: 'x',
    });
    expect(edit.statusCode, edit.body).toBe(404);
    expect((await publish(rsAdmin, id)).statusCode).toBe(404);
    expect((await versions(rsAdmin)).map((v) => v.bodyEn)).toEqual(['Riverside notice text.']);
    expect((await versions(admin))[0]).toMatchObject({
      version: 3,
      status: 'draft',
      bodyEn: 'Greenwood draft three',
    });
  });

  it('refuses invalid bodies with 400', async () => {
    for (const body of [
      {},
      { bodyEn: '   ', contact: CONTACT },
      { bodyEn: 'ok', contact: '' },
      { bodyEn: 'x'.repeat(20_001), contact: CONTACT },
      { bodyEn: 'ok', contact: CONTACT, unexpected: true },
    ])
      expect((await draft(rsAdmin, body)).statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
    for (const version of ['2', 0, -1, 1.5, null])
      expect((await accept(parent, version as number)).statusCode, String(version)).toBe(400);
    expect(
      (await call(admin, 'PATCH', '/api/v1/privacy/notices/not-a-uuid', { bodyEn: 'a', contact: 'b' }))
        .statusCode,
    ).toBe(400);
  });

  it('keeps the staff routes to privacy.requests.manage', async () => {
    expect((await call(parent, 'GET', '/api/v1/privacy/notices')).statusCode).toBe(403);
    expect((await draft(teacher, { bodyEn: 'x', contact: 'y' })).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/v1/me/privacy-notice')).statusCode).toBe(401);
  });
});

/** The demo: every school has a published notice, which the demo parents already accepted (e2e flows go on). */
describe(`privacy notice in the demo (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
    await seedDemo(t);
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('publishes a notice per demo school, already accepted by its demo parent', async () => {
    for (const slug of ['greenwood', 'riverside']) {
      const page = await t.request({ url: `/api/v1/public/schools/${slug}/privacy` });
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json<PublicPrivacyPage>().notice).toMatchObject({ version: 1 });
      const parent = await signIn(
        t,
        { id: '', email: `parent@${slug}.test`, slug, password: DEMO_PASSWORD, totpSecret: null },
        '10.72.1.1',
      );
      const mine = await t.request({ url: '/api/v1/me/privacy-notice', headers: parent.auth });
      expect(mine.json<MyPrivacyNoticeView>()).toMatchObject({ notice: { version: 1 }, mustAccept: false });
    }
  });
});
