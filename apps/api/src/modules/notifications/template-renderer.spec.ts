import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, TEMPLATE_KINDS, templateKind } from './template-catalogue';
import { checkTemplate, matchesDlt, placeholdersOf, render, variableProblem } from './template-renderer';

describe('templates', () => {
  const absence = templateKind('absence_alert')!;

  it('renders placeholders and lists them once each', () => {
    expect(
      render('{{student}} was {{ status }} on {{date}}', { student: 'Asha', status: 'absent', date: 'x' }),
    ).toBe('Asha was absent on x');
    expect(placeholdersOf('{{a}} {{b}} {{a}}')).toEqual(['a', 'b']);
  });

  it('matches an SMS against its DLT registration, each {#var#} standing for up to 30 characters', () => {
    const dlt = 'Dear parent, {#var#} was marked {#var#} on {#var#}. - {#var#}';
    expect(matchesDlt('Dear parent, Asha Rao was marked absent on 2026-07-10. - Greenwood High', dlt)).toBe(
      true,
    );
    expect(matchesDlt(`Dear parent, ${'x'.repeat(31)} was marked absent on 1. - G`, dlt)).toBe(false);
    expect(matchesDlt('Hello, Asha was marked absent on 2026-07-10. - G', dlt)).toBe(false);
  });

  it('refuses at save time a wording that uses an undeclared variable or leaves out a required one', () => {
    const details = checkTemplate(absence, {
      email: { subject: 'About {{student}}', body: '{{student}} {{grade}}' },
      sms: null,
      whatsapp: { templateName: 'absence', languageCode: 'en', parameters: ['student'] },
    });
    expect(details).toEqual([
      expect.objectContaining({ field: 'email.body', extra: ['grade'] }),
      expect.objectContaining({ field: 'email.body', missing: ['date'] }),
      expect.objectContaining({ field: 'whatsapp.parameters', missing: ['date'] }),
    ]);
    expect(
      checkTemplate(templateKind('password_reset')!, {
        email: null,
        sms: { body: '{{link}}', dltTemplateId: null, dltTemplate: null },
        whatsapp: null,
      }),
    ).toEqual([expect.objectContaining({ field: 'sms' })]);
  });

  it('checks a message against the declaration at send time', () => {
    expect(variableProblem(absence, { student: 'A', date: 'd', status: 's', school: 'x' })).toBeNull();
    expect(variableProblem(absence, { student: 'A', status: 's', school: 'x', phone: '+91' })).toBe(
      'absence_alert: missing variables: date; undeclared variables: phone',
    );
  });

  it('ships a valid default wording for every kind', () => {
    for (const kind of TEMPLATE_KINDS) expect(checkTemplate(kind, DEFAULT_TEMPLATES[kind.name]!)).toEqual([]);
  });
});
