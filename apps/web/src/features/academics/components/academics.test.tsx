import { Permission } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, meWith, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

const Y1 = '0190a1b2-0000-7000-8000-0000000000y1';
const Y2 = '0190a1b2-0000-7000-8000-0000000000y2';
const SEC = '0190a1b2-0000-7000-8000-00000000a5a5';
const TEACHER = teacherMe.user.id;

let api: FakeApi;
beforeEach(() => {
  api = givenSignedInTeacher(installFakeApi(), adminMe)
    .on('GET /api/v1/academics/years', {
      status: 200,
      body: {
        items: [
          { id: Y1, name: '2025-26', startsOn: '2025-04-01', endsOn: '2026-03-31', current: true },
          { id: Y2, name: '2026-27', startsOn: '2026-04-01', endsOn: '2027-03-31', current: false },
        ],
      },
    })
    .on('GET /api/v1/academics/classes', {
      status: 200,
      body: {
        items: [
          {
            id: 'c5',
            name: 'Class 5',
            ordinal: 5,
            sections: [{ id: SEC, name: 'A', classTeacherUserId: null }],
          },
        ],
      },
    })
    .on('GET /api/v1/users', {
      status: 200,
      body: { items: [{ id: TEACHER, displayName: 'Asha Rao', roles: ['teacher'] }], nextCursor: null },
    })
    .on(`POST /api/v1/academics/years/${Y2}/current`, { status: 204 })
    .on(`PATCH /api/v1/academics/sections/${SEC}`, { status: 200, body: {} });
});
afterEach(() => api.uninstall());

describe('academics setup', () => {
  it('asks before making a year current', async () => {
    const { user } = renderApp('/academics');
    await user.click(await screen.findByRole('button', { name: 'Make 2026-27 the current year' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change the current year?' });
    expect(api.requestsTo(`POST /api/v1/academics/years/${Y2}/current`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Make current' }));
    await waitFor(() => expect(api.requestsTo(`POST /api/v1/academics/years/${Y2}/current`)).toHaveLength(1));
  });

  it('picks a class teacher for a section from the active users', async () => {
    const { user } = renderApp('/academics');
    await user.click(await screen.findByRole('tab', { name: 'Classes' }));
    await user.click(await screen.findByRole('textbox', { name: 'Class teacher of Class 5 A' }));
    await user.click(await screen.findByRole('option', { name: 'Asha Rao' }));
    await waitFor(() =>
      expect(api.requestsTo(`PATCH /api/v1/academics/sections/${SEC}`)[0]?.body).toEqual({
        classTeacherUserId: TEACHER,
      }),
    );
    expect(api.requestsTo('GET /api/v1/users')[0]?.query.get('status')).toBe('active');
  });

  it('shows the setup read-only without academics.write', async () => {
    api.on('GET /api/v1/me', {
      status: 200,
      body: meWith(
        adminMe.permissions.filter((p) => p !== Permission.AcademicsWrite),
        adminMe,
      ),
    });
    renderApp('/academics');
    expect(await screen.findByRole('table', { name: 'Academic years' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Make .* the current year/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Promotion' })).not.toBeInTheDocument();
  });
});
