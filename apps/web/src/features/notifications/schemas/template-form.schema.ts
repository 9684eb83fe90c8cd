import { z } from 'zod';
import type { TemplateKind } from '@shala/contracts';
import { placeholdersOf, variableProblems, type TemplateMessages } from './template.schema';

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/**
 * The form's schema for one kind: the API's own rules (formats, declared and required variables), so a
 * wording it would refuse is caught as it is typed; the API checks again and its errors land on the field.
 */
export function templateSchema(
  kind: Pick<TemplateKind, 'variables' | 'required'>,
  messages: TemplateMessages,
) {
  const text = (max: number) => z.string().trim().min(1, messages.required).max(max);
  return z
    .object({
      language: z.string().trim().regex(LANGUAGE, messages.language),
      emailOn: z.boolean(),
      email: z.object({ subject: z.string(), body: z.string() }),
      smsOn: z.boolean(),
      sms: z.object({ body: z.string(), dltTemplateId: z.string(), dltTemplate: z.string() }),
      whatsappOn: z.boolean(),
      whatsapp: z.object({
        templateName: z.string(),
        languageCode: z.string(),
        parameters: z.array(z.string()),
      }),
    })
    .superRefine((values, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: path.split('.'), message });
      const checkText = (path: string, value: string, max: number) => {
        const parsed = text(max).safeParse(value);
        if (!parsed.success) issue(path, parsed.error.issues[0]?.message ?? messages.required);
        return parsed.success;
      };
      const checkVariables = (path: string, used: string[], unknownOnly = false) => {
        const problems = variableProblems(kind, used);
        if (problems.unknown.length) issue(path, messages.unknown(problems.unknown, kind.variables));
        else if (!unknownOnly && problems.missing.length) issue(path, messages.missing(problems.missing));
      };
      if (!values.emailOn && !values.smsOn && !values.whatsappOn) issue('emailOn', messages.noChannel);
      if (values.emailOn) {
        if (checkText('email.subject', values.email.subject, 300))
          checkVariables('email.subject', placeholdersOf(values.email.subject), true);
        if (checkText('email.body', values.email.body, 10_000))
          checkVariables('email.body', placeholdersOf(`${values.email.subject}\n${values.email.body}`));
      }
      if (values.smsOn) {
        if (checkText('sms.body', values.sms.body, 1000))
          checkVariables('sms.body', placeholdersOf(values.sms.body));
        if (values.sms.dltTemplateId.trim() && !/^[0-9]{1,64}$/.test(values.sms.dltTemplateId.trim()))
          issue('sms.dltTemplateId', messages.dltTemplateId);
      }
      if (values.whatsappOn) {
        if (!/^[a-z0-9_]{1,512}$/.test(values.whatsapp.templateName.trim()))
          issue('whatsapp.templateName', messages.templateName);
        if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(values.whatsapp.languageCode.trim()))
          issue('whatsapp.languageCode', messages.languageCode);
        checkVariables('whatsapp.parameters', values.whatsapp.parameters);
      }
    });
}
