import { DefaultRole } from '@shala/contracts';
import { expect } from 'vitest';
import { account } from './accounts';
import type { School } from './school';
import type { TestApp } from './test-app';

export type Auth = { auth: Record<string, string> };

export interface FeeSetup {
  heads: Record<'tuition' | 'activity' | 'transport', string>;
  structures: Record<string, string>;
  /** Per instalment, per class: Term 1 10,000 + 1,500; Term 2 and 3 10,000 + 500 (rupees). */
  termTotals: number[];
}

export const TERMS = [
  { label: 'Term 1', dueDate: '2026-06-10', tuition: 10_000_00, activity: 1_500_00 },
  { label: 'Term 2', dueDate: '2026-10-10', tuition: 10_000_00, activity: 500_00 },
  { label: 'Term 3', dueDate: '2027-01-10', tuition: 10_000_00, activity: 500_00 },
];

/** Fee heads, a 3-instalment structure for Class 5 and Class 6, and their invoices, through the API. */
export async function givenFees(t: TestApp, school: School, admin: Auth): Promise<FeeSetup> {
  const head = async (name: string, optional = false) => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/fees/heads',
      headers: admin.auth,
      payload: { name, optional },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const heads = {
    tuition: await head('Tuition'),
    activity: await head('Activity'),
    transport: await head('Transport', true),
  };
  const classes = (await t.request({ url: '/api/v1/academics/classes', headers: admin.auth })).json<{
    items: { id: string; name: string }[];
  }>().items;
  const structures: Record<string, string> = {};
  for (const c of classes) {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/fees/structures',
      headers: admin.auth,
      payload: {
        classId: c.id,
        name: `${c.name} fees`,
        instalments: TERMS.map((term) => ({
          label: term.label,
          dueDate: term.dueDate,
          lines: [
            { headId: heads.tuition, amount: term.tuition },
            { headId: heads.activity, amount: term.activity },
          ],
        })),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    structures[c.name] = res.json<{ id: string }>().id;
  }
  void school;
  return { heads, structures, termTotals: TERMS.map((term) => term.tuition + term.activity) };
}

export async function generate(t: TestApp, admin: Auth, structureId: string) {
  const res = await t.request({
    method: 'POST',
    url: `/api/v1/fees/structures/${structureId}/invoices`,
    headers: admin.auth,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ created: number; skipped: number; students: number }>();
}

/** Both schools' accountants (MFA enrolled, as the role requires), ready to sign in. */
export async function givenAccountants(t: TestApp, first: School, second: School) {
  const accountant = (school: School) =>
    account(
      t,
      school.institution,
      `accountant@${school.institution.slug}.test`,
      [DefaultRole.Accountant],
      true,
    );
  return [await accountant(first), await accountant(second)] as const;
}
