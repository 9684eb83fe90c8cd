import { INSTITUTION_LOGO_MAX_BYTES } from '@shala/contracts';
import type { InstitutionProfile } from '@shala/contracts';
import { formatMoney } from '../src/modules/fees/amount-in-words';
import { admissionNo } from '../src/seed/school-data';
import { crestPng } from '../src/seed/crest-png';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Signed, signIn } from './support/accounts';
import { generate, givenAccountants, givenFees } from './support/fees';
import { CAN_READ_PDF, pdfText } from './support/pdf-text';
import { type School, givenSchool } from './support/school';
import { TEST_DB, type TestApp, bootTestApp } from './support/test-app';

type Details = { error: { code: string; details?: { field: string; message: string }[] } };

const GREENWOOD_ADDRESS = {
  addressLine1: '14, 4th Cross, Indiranagar',
  addressLine2: 'Near HAL 2nd Stage',
  city: 'Bengaluru',
  state: 'Karnataka',
  postalCode: '560038',
  phone: '+91 80 2345 6789',
  email: 'office@greenwood.example',
  website: 'https://greenwood.example',
  receiptFooter: 'Fees once paid are not refundable. Keep this receipt safe.',
};

/** Friday 2026-11-20, 10:30 in Kolkata. */
const NOW = new Date('2026-11-20T05:00:00Z');

describe(`school settings: profile, logo, receipts (${TEST_DB})`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let rsAdmin: Signed;
  let teacher: Signed;
  let accountant: Signed;
  const logo = crestPng('GW', [21, 101, 192], 64);
  const profile = (a: Signed) => t.request({ url: '/api/v1/institution/profile', headers: a.auth });
  const patch = (a: Signed, payload: object) =>
    t.request({ method: 'PATCH', url: '/api/v1/institution/profile', headers: a.auth, payload });
  const putLogo = (a: Signed, body: Buffer, type = 'image/png') =>
    t.request({
      method: 'PUT',
      url: '/api/v1/institution/logo',
      headers: { ...a.auth, 'content-type': type },
      payload: body,
    });
  const getLogo = (a: Signed, headers: Record<string, string> = {}) =>
    t.request({ url: '/api/v1/institution/logo', headers: { ...a.auth, ...headers } });
  const fields = (res: { json<T>(): T }) => res.json<Details>().error.details?.map((d) => d.field) ?? [];
  const auditOf = async (action: string) =>
    (await t.request({ url: `/api/v1/audit/events?action=${action}`, headers: admin.auth })).json<{
      items: { action: string; details: Record<string, unknown> }[];
    }>().items;

  beforeAll(async () => {
    t = await bootTestApp();
    t.app.get(Clock).setForTests(NOW);
    gw = await givenSchool(t, await t.given.institution('greenwood', 'Greenwood High School'), 1, 2);
    rs = await givenSchool(t, await t.given.institution('riverside', 'Riverside Public School'), 2, 2);
    const [gwAccountant] = await givenAccountants(t, gw, rs);
    admin = await signIn(t, gw.admin, '10.81.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.81.0.2', -1);
    teacher = await signIn(t, gw.teacher, '10.81.0.3');
    accountant = await signIn(t, gwAccountant, '10.81.0.4');
  });

  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    await t?.close();
  });

  it('answers a new school its name and time zone, with no address and no logo yet', async () => {
    const res = await profile(admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<InstitutionProfile>()).toMatchObject({
      name: 'Greenwood High School',
      timeZone: 'Asia/Kolkata',
      addressLine1: '',
      postalCode: '',
      receiptFooter: '',
      logo: null,
    });
    // A new school takes Sundays off until it says otherwise (the settings page's weekly offs).
    const attendance = await t.request({ url: '/api/v1/attendance/settings', headers: rsAdmin.auth });
    expect(attendance.json<{ weeklyOffDays: number[] }>().weeklyOffDays).toEqual([0]);
  });

  it('saves the address, contact and footer for an admin, audits each change, and keeps them to the school', async () => {
    const res = await patch(admin, GREENWOOD_ADDRESS);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<InstitutionProfile>()).toMatchObject(GREENWOOD_ADDRESS);
    expect((await profile(teacher)).json<InstitutionProfile>()).toMatchObject(GREENWOOD_ADDRESS);
    const [event] = await auditOf('institution.profile.update');
    expect(event!.details.city).toEqual({ from: '', to: 'Bengaluru' });
    // The audit log redacts any key that looks like a secret (`...Code`); the change is still recorded.
    expect(event!.details).toHaveProperty('postalCode');
    // The other school sees its own, empty profile.
    const other = (await profile(rsAdmin)).json<InstitutionProfile>();
    expect(other).toMatchObject({ name: 'Riverside Public School', addressLine1: '', city: '' });
  });

  it('renames the school and changes its time zone, validated as an IANA zone', async () => {
    const res = await patch(admin, { name: 'Greenwood High School, Bengaluru', timeZone: 'Asia/Calcutta' });
    expect(res.statusCode, res.body).toBe(200);
    const me = (await t.request({ url: '/api/v1/me', headers: admin.auth })).json<{
      institution: { name: string; timeZone: string };
    }>();
    expect(me.institution).toMatchObject({
      name: 'Greenwood High School, Bengaluru',
      timeZone: 'Asia/Calcutta',
    });
    expect((await patch(admin, { name: 'Greenwood High School', timeZone: 'Asia/Kolkata' })).statusCode).toBe(
      200,
    );
  });

  it('refuses bad values with a 400 naming each field, and changes nothing', async () => {
    const res = await patch(admin, {
      postalCode: '#',
      email: 'not-an-email',
      timeZone: 'Mars/Olympus_Mons',
      website: 'javascript:alert(1)',
      phone: 'call me',
      name: 'x',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(fields(res).sort()).toEqual(['email', 'name', 'phone', 'postalCode', 'timeZone', 'website']);
    const unknown = await patch(admin, { motto: 'Excelsior' });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json())).toContain('motto');
    const tooLong = await patch(admin, { receiptFooter: 'x'.repeat(501) });
    expect(tooLong.statusCode).toBe(400);
    expect(fields(tooLong)).toEqual(['receiptFooter']);
    expect((await profile(admin)).json<InstitutionProfile>()).toMatchObject(GREENWOOD_ADDRESS);
  });

  it('lets only holders of institution.settings.write change the profile or the logo', async () => {
    expect((await patch(teacher, { city: 'Mysuru' })).statusCode).toBe(403);
    expect((await putLogo(teacher, logo)).statusCode).toBe(403);
    expect(
      (await t.request({ method: 'DELETE', url: '/api/v1/institution/logo', headers: teacher.auth }))
        .statusCode,
    ).toBe(403);
    expect((await t.request({ url: '/api/v1/institution/profile' })).statusCode).toBe(401);
  });

  it('refuses a text file sent as a PNG, an image over 256 KB, and an image type it does not take', async () => {
    const renamed = await putLogo(admin, Buffer.from('admission_no,first_name\nGW0001,Asha\n'));
    expect(renamed.statusCode, renamed.body).toBe(400);
    expect(fields(renamed)).toEqual(['logo']);
    const jpegClaim = await putLogo(admin, logo, 'image/jpeg'); // a real PNG declared as JPEG is stored as PNG
    expect(jpegClaim.statusCode, jpegClaim.body).toBe(200);
    expect(jpegClaim.json<InstitutionProfile>().logo?.contentType).toBe('image/png');
    const big = Buffer.concat([logo, Buffer.alloc(INSTITUTION_LOGO_MAX_BYTES)]);
    expect((await putLogo(admin, big)).statusCode).toBe(413);
    expect((await putLogo(admin, Buffer.from('GIF89a'), 'image/gif')).statusCode).toBe(415);
    const damaged = Buffer.from(logo);
    damaged.fill(0x55, damaged.indexOf('IDAT', 0, 'latin1') + 6, damaged.indexOf('IDAT', 0, 'latin1') + 40);
    const broken = await putLogo(admin, damaged);
    expect(broken.statusCode, broken.body).toBe(400);
    expect(fields(broken)).toEqual(['logo']);
    // An image body is taken by the logo route only.
    const elsewhere = await t.request({
      method: 'PATCH',
      url: '/api/v1/institution/profile',
      headers: { ...admin.auth, 'content-type': 'image/png' },
      payload: logo,
    });
    expect(elsewhere.statusCode).toBe(415);
  });

  it('stores the logo, serves it with an ETag and answers 304 while it is unchanged; other schools cannot see it', async () => {
    const res = await putLogo(admin, logo);
    expect(res.statusCode, res.body).toBe(200);
    const info = res.json<InstitutionProfile>().logo!;
    expect(info).toMatchObject({ contentType: 'image/png', width: 64, height: 64, bytes: logo.length });
    const got = await getLogo(teacher);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers.etag).toBe(`"${info.etag}"`);
    expect(Buffer.compare(got.rawPayload, logo)).toBe(0);
    const again = await getLogo(teacher, { 'if-none-match': got.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect((await getLogo(teacher, { 'if-none-match': '"stale"' })).statusCode).toBe(200);
    expect((await getLogo(rsAdmin)).statusCode).toBe(404);
    expect((await getLogo(rsAdmin, { 'if-none-match': got.headers.etag as string })).statusCode).toBe(404);
    // Newest first: this upload replaced the one stored by the previous test (the same bytes).
    const events = await auditOf('institution.logo.update');
    expect(events.map((e) => e.details.logo)).toEqual([
      { from: info.etag, to: info.etag },
      { from: null, to: info.etag },
    ]);
  });

  it('prints the address, logo, class and section, balance after payment, collector and footer on a receipt', async () => {
    const fees = await givenFees(t, gw, admin);
    await generate(t, admin, fees.structures['Class 5']!);
    const student = (await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(gw.prefix, 1)),
    ))!;
    const pay = (amount: number) =>
      t.request({
        method: 'POST',
        url: `/api/v1/fees/students/${student}/payments`,
        headers: accountant.auth,
        payload: { amount, method: 'cash' },
      });
    const first = await pay(5_000_00);
    expect(first.statusCode, first.body).toBe(201);
    expect((await pay(1_000_00)).statusCode).toBe(201); // a later payment does not change the first receipt
    const total = fees.termTotals.reduce((a, b) => a + b, 0);
    const res = await t.request({
      url: `/api/v1/fees/payments/${first.json<{ id: string }>().id}/receipt`,
      headers: admin.auth,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.includes('/Subtype /Image')).toBe(true); // the logo is embedded
    if (!CAN_READ_PDF) return;
    const text = pdfText(res.rawPayload).replace(/\s+/g, ' ');
    expect(text).toContain('14, 4th Cross, Indiranagar, Near HAL 2nd Stage, Bengaluru, Karnataka 560038');
    expect(text).toContain('Phone: +91 80 2345 6789');
    expect(text).toContain('Class and section: Class 5 - A');
    expect(text).toContain(`Balance due after this payment ${formatMoney(total - 5_000_00, 'INR')}`);
    expect(text).toContain('Received by: accountant');
    expect(text).toContain(GREENWOOD_ADDRESS.receiptFooter);
  });

  it('removes the logo (audited); a second removal answers 404', async () => {
    const res = await t.request({ method: 'DELETE', url: '/api/v1/institution/logo', headers: admin.auth });
    expect(res.statusCode, res.body).toBe(204);
    expect((await getLogo(admin)).statusCode).toBe(404);
    expect((await profile(admin)).json<InstitutionProfile>().logo).toBeNull();
    expect(
      (await t.request({ method: 'DELETE', url: '/api/v1/institution/logo', headers: admin.auth }))
        .statusCode,
    ).toBe(404);
    expect(await auditOf('institution.logo.remove')).toHaveLength(1);
  });
});
