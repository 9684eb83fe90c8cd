import type { TemplateContent, TemplateKind } from '@shala/contracts';

/** The same placeholder syntax the API checks: `{{name}}`, spaces allowed inside the braces. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Variable names a text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

/** The text with each `{{name}}` replaced by its value (an unknown name renders as `{{name}}`). */
export function renderTemplate(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** `{{var}}` -> `{#var#}`: the DLT registration text that matches a body with every variable in place. */
export function dltTextOf(body: string): string {
  return body.replace(PLACEHOLDER, '{#var#}');
}

/** Plausible values for the preview; a variable without one shows its own name. */
const SAMPLES: Record<string, string> = {
  student: 'Anika Sharma',
  date: '12 Aug 2026',
  status: 'absent',
  school: 'Greenwood High School',
  amount: '₹4,500.00',
  dueDate: '15 Aug 2026',
  receiptNo: 'RCPT-2026-00042',
  exam: 'Term 1 examination',
  name: 'Meera Iyer',
  link: 'https://shala.example/reset-password?token=…',
  expiresInMinutes: '30',
  expiresInHours: '72',
  institution: 'Greenwood High School',
};

export function sampleValues(variables: readonly string[]): Record<string, string> {
  return Object.fromEntries(variables.map((name) => [name, SAMPLES[name] ?? `[${name}]`]));
}

export interface VariableProblems {
  /** Used but not provided by the event. */
  unknown: string[];
  /** Required by the event but not used. */
  missing: string[];
}

/** What the API would refuse about one text: variables the kind does not declare, required ones left out. */
export function variableProblems(kind: Pick<TemplateKind, 'variables' | 'required'>, used: string[]) {
  return {
    unknown: used.filter((name) => !kind.variables.includes(name)),
    missing: kind.required.filter((name) => !used.includes(name)),
  } satisfies VariableProblems;
}

// --- the editor's form ---------------------------------------------------------------------------------

export interface TemplateFormValues {
  language: string;
  emailOn: boolean;
  email: { subject: string; body: string };
  smsOn: boolean;
  sms: { body: string; dltTemplateId: string; dltTemplate: string };
  whatsappOn: boolean;
  whatsapp: { templateName: string; languageCode: string; parameters: string[] };
}

/** Field paths as the API names them in its 400 details, so its errors land on the right field. */
export const TEMPLATE_FIELDS = [
  'language',
  'email.subject',
  'email.body',
  'sms.body',
  'sms.dltTemplateId',
  'sms.dltTemplate',
  'whatsapp.templateName',
  'whatsapp.languageCode',
  'whatsapp.parameters',
] as const;

export function formValuesOf(content: TemplateContent, language: string): TemplateFormValues {
  return {
    language,
    emailOn: content.email !== null,
    email: { subject: content.email?.subject ?? '', body: content.email?.body ?? '' },
    smsOn: content.sms !== null,
    sms: {
      body: content.sms?.body ?? '',
      dltTemplateId: content.sms?.dltTemplateId ?? '',
      dltTemplate: content.sms?.dltTemplate ?? '',
    },
    whatsappOn: content.whatsapp !== null,
    whatsapp: {
      templateName: content.whatsapp?.templateName ?? '',
      languageCode: content.whatsapp?.languageCode ?? language,
      parameters: content.whatsapp?.parameters ?? [],
    },
  };
}

/** The request body: a channel switched off is null (not sent there); blank DLT fields are null. */
export function contentOf(values: TemplateFormValues): TemplateContent {
  return {
    email: values.emailOn ? { subject: values.email.subject, body: values.email.body } : null,
    sms: values.smsOn
      ? {
          body: values.sms.body,
          dltTemplateId: values.sms.dltTemplateId.trim() || null,
          dltTemplate: values.sms.dltTemplate.trim() || null,
        }
      : null,
    whatsapp: values.whatsappOn
      ? {
          templateName: values.whatsapp.templateName.trim(),
          languageCode: values.whatsapp.languageCode.trim(),
          parameters: values.whatsapp.parameters,
        }
      : null,
  };
}

/** Readable messages, built by the caller from the feature's i18n. */
export interface TemplateMessages {
  required: string;
  unknown: (names: string[], provided: readonly string[]) => string;
  missing: (names: string[]) => string;
  language: string;
  dltTemplateId: string;
  templateName: string;
  languageCode: string;
  noChannel: string;
}
