import { MantineProvider } from '@mantine/core';
import {
  DEFAULT_ROLE_PERMISSIONS,
  DefaultRole,
  type MyPrivacyNoticeView,
  type PrivacyNoticeView,
  type PublicPrivacyPage,
} from '@shala/contracts';
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from '../../../../test/fake-api';
import { adminMe, givenNoSession, givenSignedInTeacher, teacherMe } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';
import { NoticeText, noticeBlocks } from './notice-text';

const parentMe = {
  ...teacherMe,
  user: { ...teacherMe.user, id: '0190a1b2-0000-7000-8000-0000000000pa', email: 'parent@greenwood.test' },
  roles: [DefaultRole.Parent],
  permissions: [...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Parent]],
};

const published = {
  version: 2,
  bodyEn: '# What we keep\n\nNames and marks.\n\n- attendance\n- fees',
  bodyHi: 'हम नाम और अंक रखते हैं।',
  contact: 'Meera Rao, privacy@greenwood.test',
  publishedAt: '2026-11-01T04:00:00.000Z',
};

function version(over: Partial<PrivacyNoticeView>): PrivacyNoticeView {
  return {
    id: '0190a1b2-0000-7000-8000-00000000n001',
    version: 1,
    status: 'published',
    bodyEn: 'Version one',
    bodyHi: null,
    contact: 'Office',
    createdAt: '2026-10-01T04:00:00.000Z',
    updatedAt: '2026-10-01T04:00:00.000Z',
    publishedAt: '2026-10-01T04:00:00.000Z',
    current: true,
    acceptances: 3,
    ...over,
  };
}

let api: FakeApi | null = null;
afterEach(() => {
  api?.uninstall();
  api = null;
});

describe('notice text', () => {
  it('reads headings, paragraphs and list items from plain text', () => {
    expect(noticeBlocks('# Title\nline one\nline two\n\n- a\n* b\n\nEnd')).toEqual([
      { kind: 'heading', text: 'Title' },
      { kind: 'paragraph', text: 'line one\nline two' },
      { kind: 'list', items: ['a', 'b'] },
      { kind: 'paragraph', text: 'End' },
    ]);
  });

  it('shows markup as the characters typed, never as HTML', () => {
    const { container } = render(
      <MantineProvider env="test">
        <NoticeText source={'<img src=x onerror="alert(1)"><script>alert(2)</script>\n\n- <b>bold</b>'} />
      </MantineProvider>,
    );
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(container.textContent).toContain('<b>bold</b>');
  });
});

describe('the acceptance gate after sign-in', () => {
  it('stops a parent with the notice in force until they accept it', async () => {
    let mine: MyPrivacyNoticeView = { notice: published, acceptedAt: null, mustAccept: true };
    api = givenSignedInTeacher(installFakeApi(), parentMe)
      .on('GET /api/v1/me/privacy-notice', () => ({ status: 200, body: mine }))
      .on('POST /api/v1/me/privacy-notice/accept', () => {
        mine = { notice: published, acceptedAt: '2026-11-02T04:00:00.000Z', mustAccept: false };
        return { status: 200, body: mine };
      });
    const { user } = renderApp('/');
    const gate = await screen.findByRole('dialog', { name: /Privacy notice of/ });
    expect(within(gate).getByRole('heading', { name: 'What we keep' })).toBeInTheDocument();
    expect(within(gate).getByText('Meera Rao, privacy@greenwood.test')).toBeInTheDocument();
    // The Hindi text is one click away.
    await user.click(within(gate).getByText('हिन्दी'));
    expect(within(gate).getByText('हम नाम और अंक रखते हैं।')).toBeInTheDocument();
    await user.click(within(gate).getByRole('button', { name: 'I have read and accept' }));
    await waitFor(() =>
      expect(api!.requestsTo('POST /api/v1/me/privacy-notice/accept')[0]?.body).toEqual({ version: 2 }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Privacy notice of/ })).toBeNull());
  });

  it('lets a parent who accepted through, and never asks staff', async () => {
    api = givenSignedInTeacher(installFakeApi(), parentMe).on('GET /api/v1/me/privacy-notice', {
      status: 200,
      body: { notice: published, acceptedAt: '2026-11-02T04:00:00.000Z', mustAccept: false },
    });
    renderApp('/privacy');
    // "My data" tells when they accepted, and reads it again on demand.
    expect(await screen.findByText(/You accepted version 2 on/)).toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: /Privacy notice of/ })).toBeNull();
    api.uninstall();
    api = givenSignedInTeacher(installFakeApi(), adminMe);
    renderApp('/');
    await screen.findAllByTestId('institution-name');
    expect(api.requestsTo('GET /api/v1/me/privacy-notice')).toHaveLength(0);
  });
});

describe('the Notice tab (staff)', () => {
  it('lists versions, keeps one draft, and publishes it after a confirmation', async () => {
    const draft = version({
      id: '0190a1b2-0000-7000-8000-00000000n002',
      version: 2,
      status: 'draft',
      publishedAt: null,
      current: false,
      acceptances: 0,
      bodyEn: 'Version two',
    });
    api = givenSignedInTeacher(installFakeApi(), adminMe)
      .on('GET /api/v1/privacy/notices', {
        status: 200,
        body: { items: [draft, version({})], nextCursor: null },
      })
      .on(`POST /api/v1/privacy/notices/${draft.id}/publish`, {
        status: 200,
        body: { ...draft, status: 'published', current: true, publishedAt: '2026-12-06T04:00:00.000Z' },
      })
      .on(`PATCH /api/v1/privacy/notices/${draft.id}`, (req) => ({
        status: 200,
        body: { ...draft, ...(req.body as object) },
      }));
    const { user } = renderApp('/privacy?tab=notice');
    const rows = await screen.findAllByTestId('notice-version');
    expect(rows).toHaveLength(2);
    expect(within(rows[1]!).getByText('In force')).toBeInTheDocument();
    expect(within(rows[1]!).getByText(/Accepted by 3 users/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New draft' })).toBeDisabled();
    // Editing refuses an empty contact before sending anything.
    await user.click(within(rows[0]!).getByRole('button', { name: 'Edit draft' }));
    const editor = await screen.findByRole('dialog', { name: 'Edit draft version 2' });
    await user.clear(within(editor).getByRole('textbox', { name: /Contact for privacy questions/ }));
    await user.click(within(editor).getByRole('button', { name: 'Save draft' }));
    expect(within(editor).getByText('Required')).toBeInTheDocument();
    expect(api.requestsTo(`PATCH /api/v1/privacy/notices/${draft.id}`)).toHaveLength(0);
    await user.type(within(editor).getByRole('textbox', { name: /Contact for privacy questions/ }), 'Office');
    await user.click(within(editor).getByRole('button', { name: 'Save draft' }));
    await waitFor(() =>
      expect(api!.requestsTo(`PATCH /api/v1/privacy/notices/${draft.id}`)[0]?.body).toEqual({
        bodyEn: 'Version two',
        bodyHi: null,
        contact: 'Office',
      }),
    );
    await user.click(within(rows[0]!).getByRole('button', { name: 'Publish' }));
    const confirm = await screen.findByRole('dialog', { name: 'Publish version 2?' });
    await user.click(within(confirm).getByRole('button', { name: 'Publish' }));
    expect(await screen.findByText(/Version 2 is now in force/)).toBeInTheDocument();
    expect(api.requestsTo(`POST /api/v1/privacy/notices/${draft.id}/publish`)).toHaveLength(1);
  });
});

describe('the public privacy page', () => {
  const page: PublicPrivacyPage = {
    school: { slug: 'greenwood', name: 'Greenwood High' },
    notice: published,
    subProcessors: {
      items: [
        {
          service: 'hosting',
          name: 'The installation operator',
          purpose: 'Runs the application',
          dataCategories: ['all'],
          location: 'India',
          configured: true,
        },
      ],
    },
    recordsOfProcessing: {
      controller: 'Greenwood High',
      processor: 'Shala',
      activities: [
        {
          table: 'students',
          module: 'students',
          purpose: 'Student records',
          dataCategories: ['identity'],
          subjects: ['students'],
          retention: 'while enrolled',
          recipients: ['school'],
          sensitive: false,
        },
      ],
    },
  };

  it('shows the notice, providers and processing records without signing in', async () => {
    api = givenNoSession(installFakeApi()).on('GET /api/v1/public/schools/greenwood/privacy', {
      status: 200,
      body: page,
    });
    renderApp('/privacy-notice/greenwood');
    expect(await screen.findByRole('heading', { name: 'Privacy at Greenwood High' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'What we keep' })).toBeInTheDocument();
    expect(screen.getAllByText('The installation operator').length).toBeGreaterThan(0);
    expect(screen.getByText('Student records')).toBeInTheDocument();
    const sent = api.requestsTo('GET /api/v1/public/schools/greenwood/privacy')[0]!;
    expect(sent.headers.get('Authorization')).toBeFalsy();
  });

  it('says so when there is no school at the address', async () => {
    api = givenNoSession(installFakeApi()).on('GET /api/v1/public/schools/nowhere/privacy', {
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'The school was not found.' }, requestId: 'r' },
    });
    renderApp('/privacy-notice/nowhere');
    expect(await screen.findByText('There is no school at this address.')).toBeInTheDocument();
  });
});
