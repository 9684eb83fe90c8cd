import { Permission } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { adminMe, givenSignedIn, meWith } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import type { TemplateView } from '@shala/contracts';
import { absenceKind, absenceTemplate, resetKind } from '../test/notifications-fixtures';

const TEMPLATE = '/api/v1/notifications/templates/0190a1b2-0000-7000-8000-00000000a001';

let api: FakeApi;
beforeEach(() => {
  api = givenSignedIn(installFakeApi(), adminMe)
    .on('GET /api/v1/notifications/template-kinds', {
      status: 200,
      body: { items: [absenceKind, resetKind], nextCursor: null },
    })
    .on('GET /api/v1/notifications/templates', {
      status: 200,
      body: {
        items: [
          absenceTemplate(),
          absenceTemplate({ id: 'hi-id', language: 'hi', sms: null, email: absenceKind.defaults.email }),
        ],
        nextCursor: null,
      },
    });
});
afterEach(() => api.uninstall());

async function openEnglishAbsenceAlert() {
  const view = renderApp('/notifications?tab=templates');
  await view.user.click(await screen.findByRole('button', { name: 'Edit Absence alert (en)' }));
  return { ...view, dialog: await screen.findByRole('dialog', { name: 'Absence alert template (en)' }) };
}

describe('templates', () => {
  it('lists each kind with its languages and channels, the built-in wording where the school has none', async () => {
    const { user } = renderApp('/notifications?tab=templates');
    const list = await screen.findByRole('list', { name: 'Message templates' });
    const kinds = within(list).getAllByTestId('template-kind');
    expect(kinds).toHaveLength(2);
    expect(within(kinds[0]!).getByRole('button', { name: 'Edit Absence alert (hi)' })).toBeInTheDocument();
    expect(within(kinds[1]!).getByText('Built-in wording')).toBeInTheDocument();
    expect(
      within(kinds[1]!).getByRole('button', { name: 'Customise the Password reset template' }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('textbox', { name: 'Language' }));
    await user.click(await screen.findByRole('option', { name: 'hi' }));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Edit Absence alert (en)' })).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('button', { name: 'Edit Absence alert (hi)' })).toBeInTheDocument();
    // A language the built-in wording is not in hides the kinds that have no template of their own.
    expect(screen.queryByText('Built-in wording')).not.toBeInTheDocument();
  });

  it('shows the variables the event provides and flags an unknown one on the field without saving', async () => {
    const { user, dialog } = await openEnglishAbsenceAlert();
    const variables = within(dialog).getByRole('group', { name: 'Variables this message provides' });
    for (const name of absenceKind.variables)
      expect(within(variables).getByText(`{{${name}}}`)).toBeInTheDocument();

    const sms = within(dialog).getByRole('textbox', { name: 'SMS text' });
    await user.clear(sms);
    await user.paste('Dear parent, {{student}} scored {{grade}} on {{date}}');
    expect(
      await within(dialog).findByText(/Uses \{\{grade\}\}, which this message does not provide/),
    ).toBeInTheDocument();
    expect(sms).toHaveAttribute('aria-invalid', 'true');
    await user.click(within(dialog).getByRole('button', { name: 'Save template' }));
    expect(api.requestsTo(`PUT ${TEMPLATE}`)).toHaveLength(0);
  });

  it('puts the API refusal on the field it names', async () => {
    api.on(
      `PUT ${TEMPLATE}`,
      envelope(400, 'VALIDATION_FAILED', 'The absence_alert template does not fit what its event provides.', [
        {
          field: 'sms.body',
          message: 'uses {{grade}}, which absence_alert does not provide',
          extra: ['grade'],
        },
      ]),
    );
    const { user, dialog } = await openEnglishAbsenceAlert();
    await user.click(within(dialog).getByRole('button', { name: 'Save template' }));
    const sms = within(dialog).getByRole('textbox', { name: 'SMS text' });
    await waitFor(() => expect(sms).toHaveAttribute('aria-invalid', 'true'));
    expect(sms).toHaveAccessibleDescription(/uses \{\{grade\}\}, which absence_alert does not provide/);
    expect(screen.getByRole('dialog', { name: 'Absence alert template (en)' })).toBeInTheDocument();
  });

  it('saves the SMS DLT template id and registered text, and previews with sample values', async () => {
    api.on(`PUT ${TEMPLATE}`, (request) => ({
      status: 200,
      body: { ...absenceTemplate(), ...(request.body as Partial<TemplateView>) },
    }));
    const { user, dialog } = await openEnglishAbsenceAlert();
    await user.type(within(dialog).getByRole('textbox', { name: /DLT template id/ }), '1107161234567890123');
    await user.click(within(dialog).getByRole('button', { name: 'Fill from the SMS text' }));
    expect(within(dialog).getByRole('textbox', { name: /Registered DLT text/ })).toHaveValue(
      'Dear parent, {#var#} was absent on {#var#}. - {#var#}',
    );

    const preview = within(
      within(dialog).getByRole('region', { name: 'Preview with sample values' }),
    ).getByTestId('preview-sms');
    expect(preview).toHaveTextContent(
      'Dear parent, Anika Sharma was absent on 12 Aug 2026. - Greenwood High School',
    );
    await user.clear(within(dialog).getByRole('textbox', { name: 'Sample student' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Sample student' }), 'Kabir');
    expect(preview).toHaveTextContent('Dear parent, Kabir was absent');

    await user.click(within(dialog).getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(api.requestsTo(`PUT ${TEMPLATE}`)).toHaveLength(1));
    expect(api.requestsTo(`PUT ${TEMPLATE}`)[0]?.body).toEqual({
      email: null,
      sms: {
        body: 'Dear parent, {{student}} was absent on {{date}}. - {{school}}',
        dltTemplateId: '1107161234567890123',
        dltTemplate: 'Dear parent, {#var#} was absent on {#var#}. - {#var#}',
      },
      whatsapp: null,
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('offers only the channels a kind is sent on, starting from the built-in wording', async () => {
    api.on('POST /api/v1/notifications/templates', (request) => ({
      status: 201,
      body: { ...absenceTemplate({ id: 'pr-id' }), ...(request.body as Partial<TemplateView>) },
    }));
    const { user } = renderApp('/notifications?tab=templates');
    await user.click(await screen.findByRole('button', { name: 'Customise the Password reset template' }));
    const dialog = await screen.findByRole('dialog', { name: 'New Password reset template' });
    expect(within(dialog).getByRole('switch', { name: 'Send by Email' })).toBeChecked();
    expect(within(dialog).queryByRole('switch', { name: 'Send by SMS' })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('switch', { name: 'Send by WhatsApp' })).not.toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: /Language code/ }), 'en');
    await user.click(within(dialog).getByRole('button', { name: 'Create template' }));
    await waitFor(() => expect(api.requestsTo('POST /api/v1/notifications/templates')).toHaveLength(1));
    expect(api.requestsTo('POST /api/v1/notifications/templates')[0]?.body).toEqual({
      name: 'password_reset',
      language: 'en',
      ...resetKind.defaults,
    });
  });

  it('adds a language copied from an existing one, refusing a language the kind already has', async () => {
    api.on('POST /api/v1/notifications/templates', (request) => ({
      status: 201,
      body: { ...absenceTemplate({ id: 'kn-id' }), ...(request.body as Partial<TemplateView>) },
    }));
    const { user } = renderApp('/notifications?tab=templates');
    await user.click(
      await screen.findByRole('button', { name: 'Add a language to the Absence alert template' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'New Absence alert template' });
    const language = within(dialog).getByRole('textbox', { name: /Language code/ });
    await user.type(language, 'hi');
    await user.click(within(dialog).getByRole('button', { name: 'Create template' }));
    expect(
      await within(dialog).findByText('There is already a template in hi; edit that one'),
    ).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/notifications/templates')).toHaveLength(0);

    await user.clear(language);
    await user.type(language, 'kn');
    await user.click(within(dialog).getByRole('button', { name: 'Create template' }));
    await waitFor(() => expect(api.requestsTo('POST /api/v1/notifications/templates')).toHaveLength(1));
    const { id: _id, updatedAt: _at, purpose: _p, variables: _v, ...copied } = absenceTemplate();
    expect(api.requestsTo('POST /api/v1/notifications/templates')[0]?.body).toEqual({
      ...copied,
      language: 'kn',
    });
  });

  it('deletes a template only after confirming', async () => {
    api.on(`DELETE ${TEMPLATE}`, { status: 204 });
    const { user } = renderApp('/notifications?tab=templates');
    await user.click(await screen.findByRole('button', { name: 'Delete Absence alert (en)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this template?' });
    expect(api.requestsTo(`DELETE ${TEMPLATE}`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Delete template' }));
    await waitFor(() => expect(api.requestsTo(`DELETE ${TEMPLATE}`)).toHaveLength(1));
  });
});

describe('what each permission shows', () => {
  it('lets notifications.read view templates but not change them, and hides the manager tabs', async () => {
    api.uninstall();
    api = givenSignedIn(installFakeApi(), meWith([Permission.NotificationsRead, Permission.StudentsRead]))
      .on('GET /api/v1/notifications/template-kinds', { status: 200, body: { items: [absenceKind] } })
      .on('GET /api/v1/notifications/templates', { status: 200, body: { items: [absenceTemplate()] } });
    const { user } = renderApp('/notifications?tab=channels');
    // A tab the user may not open falls back to the first one they may.
    expect(await screen.findByRole('tab', { name: 'Delivery log', selected: true })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Templates' })).toBeInTheDocument();
    for (const name of ['Dead letters', 'Channels', 'Guardian consents', 'My consents'])
      expect(screen.queryByRole('tab', { name })).not.toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Templates' }));
    await user.click(await screen.findByRole('button', { name: 'View Absence alert (en)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Absence alert template (en)' });
    expect(within(dialog).getByRole('textbox', { name: 'SMS text' })).toBeDisabled();
    expect(within(dialog).queryByRole('button', { name: 'Save template' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Delete/ })).not.toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/notifications/channels')).toHaveLength(0);
  });

  it('shows a manager every staff tab, and the guardian consents only with students.read', async () => {
    api.uninstall();
    api = givenSignedIn(
      installFakeApi(),
      meWith([Permission.NotificationsRead, Permission.NotificationsManage]),
    );
    renderApp('/notifications');
    for (const name of ['Delivery log', 'Dead letters', 'Templates', 'Channels'])
      expect(await screen.findByRole('tab', { name })).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Guardian consents' })).not.toBeInTheDocument();
  });
});
