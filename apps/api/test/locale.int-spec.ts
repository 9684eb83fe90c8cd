import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { Account, account, signIn } from './support/accounts';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

type ErrorBody = { error: { code: string; details: { field: string; message: string }[] } };

describe(`the language each user reads the app in, on ${TEST_DB}`, () => {
  let t: TestApp;
  let greenwood: Institution;
  let riverside: Institution;
  let teacher: Account;
  let ip = 1;
  const nextIp = () => `10.47.0.${ip++}`;
  const localeOf = async (auth: Record<string, string>) => {
    const res = await t.request({ method: 'GET', url: '/api/v1/me', headers: auth });
    expect(res.statusCode).toBe(200);
    return res.json<{ user: { locale: string } }>().user.locale;
  };
  const setLocale = (auth: Record<string, string>, payload: object) =>
    t.request({ method: 'PUT', url: '/api/v1/me/locale', headers: auth, payload });

  beforeAll(async () => {
    t = await bootTestApp();
    greenwood = await t.given.institution('greenwood');
    riverside = await t.given.institution('riverside');
    teacher = await account(t, greenwood, 'teacher@greenwood.test', ['teacher']);
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts every user in English', async () => {
    const s = await signIn(t, teacher, nextIp());
    expect(await localeOf(s.auth)).toBe('en');
  });

  it('remembers Hindi for the user: /me says so in this session and at the next sign-in elsewhere', async () => {
    const s = await signIn(t, teacher, nextIp());
    expect((await setLocale(s.auth, { locale: 'hi' })).statusCode).toBe(204);
    expect(await localeOf(s.auth)).toBe('hi');

    const otherDevice = await signIn(t, teacher, nextIp());
    expect(await localeOf(otherDevice.auth)).toBe('hi');

    expect((await setLocale(otherDevice.auth, { locale: 'en' })).statusCode).toBe(204);
    expect(await localeOf(s.auth)).toBe('en');
  });

  it("changes only the caller's own language, not a colleague's nor a namesake's at another school", async () => {
    const colleague = await account(t, greenwood, 'colleague@greenwood.test', ['teacher']);
    const namesake = await account(t, riverside, 'teacher@greenwood.test', ['teacher']);
    const s = await signIn(t, teacher, nextIp());
    expect((await setLocale(s.auth, { locale: 'hi' })).statusCode).toBe(204);

    expect(await localeOf((await signIn(t, colleague, nextIp())).auth)).toBe('en');
    expect(await localeOf((await signIn(t, namesake, nextIp())).auth)).toBe('en');
  });

  it('refuses a language the app does not speak, naming the field', async () => {
    const s = await signIn(t, teacher, nextIp());
    for (const payload of [{ locale: 'fr' }, { locale: 'HI' }, { locale: 7 }, {}]) {
      const res = await setLocale(s.auth, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().error.details.map((d) => d.field)).toContain('locale');
    }
    const extra = await setLocale(s.auth, { locale: 'hi', role: 'school_admin' });
    expect(extra.statusCode).toBe(400);
  });

  it('answers 401 without a session', async () => {
    const res = await t.request({ method: 'PUT', url: '/api/v1/me/locale', payload: { locale: 'hi' } });
    expect(res.statusCode).toBe(401);
  });
});
