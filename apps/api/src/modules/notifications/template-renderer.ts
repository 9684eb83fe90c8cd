import type { ErrorDetail } from '@shala/contracts';
import type { TemplateContent } from '@shala/contracts';
import type { TemplateKind } from './template-catalogue';

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;
/** TRAI's DLT rules: each {#var#} stands for at most 30 characters. */
export const DLT_VAR_MAX = 30;

/** Variable names a text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function render(text: string, variables: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => variables[name] ?? '');
}

/** Whether a rendered SMS matches its registered DLT template (literal text, each {#var#} up to 30 characters). */
export function matchesDlt(rendered: string, dltTemplate: string): boolean {
  const parts = dltTemplate.split('{#var#}').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join(`[\\s\\S]{0,${DLT_VAR_MAX}}`)}$`).test(rendered);
}

/**
 * Save-time check of a wording against its kind's declaration (issue 7 item 4): every placeholder must be
 * declared ("extra"), every required variable must be used in each channel's text ("missing"), channels
 * must be ones the kind goes out on, and an SMS body must match its DLT registration. One detail per
 * problem, naming the field and the variables.
 */
export function checkTemplate(kind: TemplateKind, content: TemplateContent): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const declared = new Set(kind.variables);
  const check = (field: string, used: string[]) => {
    const extra = used.filter((v) => !declared.has(v));
    if (extra.length)
      details.push({
        field,
        message: `uses ${extra.map((v) => `{{${v}}}`).join(', ')}, which ${kind.name} does not provide (it provides ${kind.variables.join(', ')})`,
        extra,
      });
    const missing = kind.required.filter((v) => !used.includes(v));
    if (missing.length)
      details.push({
        field,
        message: `must use ${missing.map((v) => `{{${v}}}`).join(', ')}`,
        missing,
      });
  };
  for (const channel of ['email', 'sms', 'whatsapp'] as const)
    if (content[channel] && !kind.channels.includes(channel))
      details.push({ field: channel, message: `${kind.name} is not sent by ${channel}` });
  if (content.email) {
    const subjectExtra = placeholdersOf(content.email.subject).filter((v) => !declared.has(v));
    if (subjectExtra.length)
      details.push({
        field: 'email.subject',
        message: `uses ${subjectExtra.map((v) => `{{${v}}}`).join(', ')}, which ${kind.name} does not provide`,
        extra: subjectExtra,
      });
    check('email.body', placeholdersOf(`${content.email.subject}\n${content.email.body}`));
  }
  if (content.sms) {
    check('sms.body', placeholdersOf(content.sms.body));
    if (content.sms.dltTemplate !== null) {
      const sample = Object.fromEntries(kind.variables.map((v) => [v, 'x']));
      if (!matchesDlt(render(content.sms.body, sample), content.sms.dltTemplate))
        details.push({
          field: 'sms.dltTemplate',
          message: 'sms.body does not match the registered DLT template text ({#var#} where a variable goes)',
        });
    }
  }
  if (content.whatsapp) check('whatsapp.parameters', content.whatsapp.parameters);
  return details;
}

/**
 * Send-time check of a message's variables against the declaration: anything missing or undeclared
 * makes the message dead with this reason (PRV-06: nothing beyond the declared variables leaves).
 */
export function variableProblem(kind: TemplateKind, variables: Record<string, unknown>): string | null {
  const given = Object.keys(variables);
  const missing = kind.variables.filter((v) => !given.includes(v));
  const extra = given.filter((v) => !kind.variables.includes(v));
  const parts: string[] = [];
  if (missing.length) parts.push(`missing variables: ${missing.join(', ')}`);
  if (extra.length) parts.push(`undeclared variables: ${extra.join(', ')}`);
  return parts.length ? `${kind.name}: ${parts.join('; ')}` : null;
}
