import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationsSetup } from '../src/modules/notifications/notifications-setup.service';
import { OutboxRepository } from '../src/modules/notifications/outbox.repository';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { demoParentPhone } from '../src/seed/school-data';
import { signIn } from './support/accounts';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

/** Absence alerts: marking absent writes, in the same transaction, one message per opted-in guardian. */
describe(`absence alerts on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let teacher: { auth: Record<string, string> };
  let roster: string[];
  let child: string;
  let stranger: string;
  let other: string;
  let otherName: string;

  const alerts = async () =>
    (
      await t.context.runAsTenant(gw.institution.id, () => t.app.get(OutboxRepository).listNewestFirst(500))
    ).filter((m) => m.template === 'absence_alert');
  const save = (marks: Record<string, string>) =>
    t.request({
      method: 'PUT',
      url: `/api/v1/attendance/sections/${gw.sections['Class 5 A']}/days/2026-11-20`,
      headers: teacher.auth,
      payload: { marks: roster.map((studentId) => ({ studentId, status: marks[studentId] ?? 'present' })) },
    });

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 4);
    const students = t.app.get(StudentDirectory);
    await t.context.runAsTenant(gw.institution.id, async () => {
      const guardianId = (await students.guardianIdByPhone(demoParentPhone(1)))!;
      roster = await students.rosterIds(gw.sections['Class 5 A']!);
      child = (await students.studentIdByAdmissionNo(`${gw.prefix}-0001`))!;
      stranger = roster.find((id) => id !== child)!;
      // A third child whose guardian opted in too: two alerts from one save go out as one batch.
      other = roster.find((id) => id !== child && id !== stranger)!;
      otherName = (await students.namesOf([other])).get(other)!;
      const otherGuardians = (await students.guardianIdsOf([other])).get(other)!;
      await t.app.get(NotificationsSetup).seedSchool({ optedInGuardianIds: [guardianId, ...otherGuardians] });
    });
    t.app.get(Clock).setForTests(new Date('2026-11-20T05:00:00Z'));
    teacher = await signIn(t, gw.teacher, '10.70.0.1');
  });
  afterAll(async () => {
    t.app.get(Clock).setForTests(null);
    await t.close();
  });

  it('[PRV-01] alerts the opted-in guardian of an absent child, and nobody who never opted in', async () => {
    expect((await save({ [child]: 'absent', [stranger]: 'absent' })).statusCode).toBe(200);
    const sent = await alerts();
    expect(sent).toHaveLength(1);
    // The outbox keeps the address encrypted; what it shows is masked.
    expect(sent[0]).toMatchObject({ channel: 'email', recipient: 'p***@example.com', status: 'pending' });
    const variables = JSON.parse(sent[0]!.variables) as Record<string, string>;
    expect(Object.keys(variables).sort()).toEqual(['date', 'school', 'status', 'student']);
    expect(variables).toMatchObject({ date: '2026-11-20', status: 'absent' });
  });

  it('never duplicates the alert when the register is saved again or the mark flips back and forth', async () => {
    await save({ [child]: 'absent', [stranger]: 'absent' });
    await save({ [child]: 'present' });
    await save({ [child]: 'absent' });
    expect(await alerts()).toHaveLength(1);
  });

  it('alerts each newly absent child of one save once, skipping a child already alerted that day', async () => {
    const before = await alerts();
    expect((await save({ [child]: 'absent', [other]: 'absent' })).statusCode).toBe(200);
    const added = (await alerts()).filter((m) => !before.some((b) => b.id === m.id));
    expect(added).toHaveLength(1);
    expect(JSON.parse(added[0]!.variables)).toMatchObject({ student: otherName, status: 'absent' });
    expect(added[0]!.idempotencyKey).toMatch(new RegExp(`^absence:${other}:2026-11-20:`));
  });

  it('writes no alert when the register save fails', async () => {
    const before = (await alerts()).length;
    const res = await t.request({
      method: 'PUT',
      url: `/api/v1/attendance/sections/${gw.sections['Class 5 A']}/days/2026-11-19`,
      headers: teacher.auth,
      payload: { marks: roster.map((studentId) => ({ studentId, status: 'absent' })) },
    });
    expect(res.statusCode).toBe(422); // a past day is locked; a teacher without a reason is refused
    expect(await alerts()).toHaveLength(before);
  });
});
