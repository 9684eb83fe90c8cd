import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

let api: FakeApi;
beforeEach(() => {
  api = givenSignedInTeacher(installFakeApi(), adminMe).on('GET /api/v1/academics/classes', {
    status: 200,
    body: { items: [] },
  });
});
afterEach(() => api.uninstall());

describe('adding a student', () => {
  it('sends the student with a guardian and shows a taken admission number next to its field', async () => {
    api.on(
      'POST /api/v1/students',
      envelope(409, 'ADMISSION_NO_TAKEN', 'Admission number GW-1 is taken', [
        { field: 'admissionNo', message: 'Admission number GW-1 is taken' },
      ]),
    );
    const { user } = renderApp('/students/new');
    await screen.findByRole('heading', { name: 'Add a student' });
    await user.click(screen.getByRole('button', { name: 'Save student' }));
    expect((await screen.findAllByText('Required')).length).toBeGreaterThan(0);
    expect(api.requestsTo('POST /api/v1/students')).toHaveLength(0);

    await user.type(screen.getByRole('textbox', { name: /Admission number/ }), 'GW-1');
    await user.type(screen.getByRole('textbox', { name: /First name/ }), 'Kiran');
    await user.type(screen.getByRole('textbox', { name: /Last name/ }), 'Rao');
    await user.type(screen.getByLabelText(/Date of birth/), '2015-06-14');
    await user.type(screen.getByLabelText(/Admission date/), '2021-04-01');
    await user.click(screen.getByRole('button', { name: 'Add a guardian' }));
    await user.type(screen.getByRole('textbox', { name: /Full name/ }), 'Meera Rao');
    await user.type(screen.getByRole('textbox', { name: /Phone/ }), '+919812345610');
    await user.click(screen.getByRole('button', { name: 'Save student' }));

    expect(
      await screen.findByText('Admission number GW-1 is taken', { selector: '.mantine-InputWrapper-error' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(api.requestsTo('POST /api/v1/students')[0]?.body).toEqual({
        admissionNo: 'GW-1',
        firstName: 'Kiran',
        lastName: 'Rao',
        dateOfBirth: '2015-06-14',
        gender: 'undisclosed',
        admissionDate: '2021-04-01',
        status: 'active',
        guardians: [
          { fullName: 'Meera Rao', relationship: 'mother', phone: '+919812345610', isPrimary: true },
        ],
      }),
    );
  });
});
