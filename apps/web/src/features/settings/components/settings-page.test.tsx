import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { InstitutionProfile } from '@shala/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedInTeacher, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

const saved: InstitutionProfile = {
  name: 'Greenwood High School',
  timeZone: 'Asia/Kolkata',
  addressLine1: '14, 4th Cross, HAL 2nd Stage',
  addressLine2: '',
  city: 'Bengaluru',
  state: 'Karnataka',
  postalCode: '560038',
  phone: '+91 80 2521 4400',
  email: 'office@greenwood.test',
  website: '',
  receiptFooter: 'Fees are not refundable.',
  logo: null,
};
const LOGO = { contentType: 'image/png' as const, width: 96, height: 96, bytes: 2048, etag: 'abc123' };

let api: FakeApi;
let profile: InstitutionProfile;

beforeEach(() => {
  profile = { ...saved };
  api = givenSignedInTeacher(installFakeApi(), adminMe)
    .on('GET /api/v1/institution/profile', () => ({ status: 200, body: profile }))
    .on('GET /api/v1/institution/logo', () => ({
      status: 200,
      body: new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }),
      headers: { 'content-type': 'image/png' },
    }))
    .on('PATCH /api/v1/institution/profile', (request) => {
      profile = { ...profile, ...(request.body as Partial<InstitutionProfile>) };
      return { status: 200, body: profile };
    })
    .on('GET /api/v1/academics/years', { status: 200, body: { items: [], nextCursor: null } })
    .on('GET /api/v1/attendance/settings', {
      status: 200,
      body: {
        mode: 'daily',
        periodsPerDay: 8,
        cutoffTime: '17:00',
        weeklyOffDays: [0],
        chronicThresholdPercent: 75,
      },
    })
    .on('GET /api/v1/attendance/holidays', { status: 200, body: { items: [], nextCursor: null } });
});
afterEach(() => api.uninstall());

async function openSettings() {
  const view = renderApp('/settings');
  await screen.findByRole('heading', { name: 'School profile' });
  return view;
}

describe('school settings page', () => {
  it('is in the navigation of admins only', async () => {
    renderApp('/');
    const nav = await screen.findByRole('navigation', { name: /main/i });
    expect(await within(nav).findByRole('link', { name: 'School settings' })).toHaveAttribute(
      'href',
      '/settings',
    );
    api.uninstall();
    api = givenSignedInTeacher(installFakeApi(), teacherMe);
    renderApp('/');
    const navs = await screen.findAllByRole('navigation', { name: /main/i });
    expect(within(navs.at(-1)!).queryByRole('link', { name: 'School settings' })).not.toBeInTheDocument();
  });

  it('saves the address and contact, and says so beside the button', async () => {
    const { user } = await openSettings();
    const city = screen.getByRole('textbox', { name: 'City' });
    expect(city).toHaveValue('Bengaluru');
    await user.clear(city);
    await user.type(city, 'Mysuru');
    await user.clear(screen.getByRole('textbox', { name: 'PIN code' }));
    await user.type(screen.getByRole('textbox', { name: 'PIN code' }), '570001');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('School profile saved.')).toBeInTheDocument();
    expect(api.requestsTo('PATCH /api/v1/institution/profile')[0]?.body).toMatchObject({
      city: 'Mysuru',
      postalCode: '570001',
      name: 'Greenwood High School',
    });
  });

  it('shows its own checks beside the fields without asking the API', async () => {
    const { user } = await openSettings();
    await user.clear(screen.getByRole('textbox', { name: 'Email' }));
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'office-at-school');
    await user.clear(screen.getByRole('textbox', { name: /Time zone/ }));
    await user.type(screen.getByRole('textbox', { name: /Time zone/ }), 'Mars/Base');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Give an email address such as office@school.in')).toBeInTheDocument();
    expect(screen.getByText('Give a time zone such as Asia/Kolkata')).toBeInTheDocument();
    expect(api.requestsTo('PATCH /api/v1/institution/profile')).toHaveLength(0);
  });

  it("puts the API's field errors beside the fields they name", async () => {
    api.on(
      'PATCH /api/v1/institution/profile',
      envelope(400, 'VALIDATION_FAILED', 'The request is invalid.', [
        { field: 'phone', message: 'must be a phone number such as +91 80 2345 6789' },
      ]),
    );
    const { user } = await openSettings();
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Phone' })).toHaveAccessibleDescription(
        'must be a phone number such as +91 80 2345 6789',
      ),
    );
    expect(screen.queryByText('School profile saved.')).not.toBeInTheDocument();
  });

  it('uploads a PNG logo, previews it, and refuses a file that is not PNG or JPEG or is too big', async () => {
    api.on('PUT /api/v1/institution/logo', () => {
      profile = { ...profile, logo: LOGO };
      return { status: 200, body: profile };
    });
    await openSettings();
    expect(
      screen.getByText('No logo yet: report cards show the school’s initials instead.'),
    ).toBeInTheDocument();
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    const pick = (file: File) => fireEvent.change(input, { target: { files: [file] } });
    // The picker offers PNG and JPEG only; a file dropped in anyway is refused here too.
    pick(new File(['%PDF-1.4'], 'logo.pdf', { type: 'application/pdf' }));
    expect(await screen.findByText('Choose a PNG or JPEG image.')).toBeInTheDocument();
    pick(new File([new Uint8Array(300 * 1024)], 'big.png', { type: 'image/png' }));
    expect(await screen.findByText('Choose an image of at most 256 KB.')).toBeInTheDocument();
    expect(api.requestsTo('PUT /api/v1/institution/logo')).toHaveLength(0);

    pick(new File([new Uint8Array([137, 80, 78, 71])], 'crest.png', { type: 'image/png' }));
    expect(await screen.findByText('Logo saved.')).toBeInTheDocument();
    const [put] = api.requestsTo('PUT /api/v1/institution/logo');
    expect(put?.headers.get('Content-Type')).toBe('image/png');
    expect(await screen.findByRole('img', { name: 'Logo of Greenwood High School' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove logo' })).toBeInTheDocument();
    // The header shows it too.
    expect(await screen.findByTestId('institution-logo')).toBeInTheDocument();
  });

  it('saves the receipt footer on its own', async () => {
    const { user } = await openSettings();
    const footer = screen.getByRole('textbox', { name: 'Receipt footer' });
    await user.clear(footer);
    await user.type(footer, 'Cheques are subject to realisation.');
    await user.click(screen.getByRole('button', { name: 'Save footer' }));
    expect(await screen.findByText('Receipt footer saved.')).toBeInTheDocument();
    expect(api.requestsTo('PATCH /api/v1/institution/profile')[0]?.body).toEqual({
      receiptFooter: 'Cheques are subject to realisation.',
    });
  });
});
