import type { TemplateContent, TemplateKind as TemplateKindView, TemplateView } from '@shala/contracts';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { NotFoundError, ValidationFailedError } from '../../platform/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { NotificationTemplate } from './entities/notification-template.entity';
import { TemplateExistsError } from './notifications.errors';
import { TemplatesRepository } from './notifications.repositories';
import { DEFAULT_LANGUAGE, DEFAULT_TEMPLATES, TEMPLATE_KINDS, templateKind } from './template-catalogue';
import { checkTemplate } from './template-renderer';

function contentOf(row: NotificationTemplate): TemplateContent {
  let parameters: string[] = [];
  try {
    parameters = row.whatsappParameters ? (JSON.parse(row.whatsappParameters) as string[]) : [];
  } catch {
    parameters = [];
  }
  return {
    email:
      row.emailSubject !== null && row.emailBody !== null
        ? { subject: row.emailSubject, body: row.emailBody }
        : null,
    sms:
      row.smsBody !== null
        ? { body: row.smsBody, dltTemplateId: row.smsDltTemplateId, dltTemplate: row.smsDltTemplate }
        : null,
    whatsapp:
      row.whatsappTemplateName !== null
        ? {
            templateName: row.whatsappTemplateName,
            languageCode: row.whatsappLanguageCode ?? DEFAULT_LANGUAGE,
            parameters,
          }
        : null,
  };
}

function columnsOf(content: TemplateContent) {
  return {
    emailSubject: content.email?.subject ?? null,
    emailBody: content.email?.body ?? null,
    smsBody: content.sms?.body ?? null,
    smsDltTemplateId: content.sms?.dltTemplateId ?? null,
    smsDltTemplate: content.sms?.dltTemplate ?? null,
    whatsappTemplateName: content.whatsapp?.templateName ?? null,
    whatsappLanguageCode: content.whatsapp?.languageCode ?? null,
    whatsappParameters: content.whatsapp ? JSON.stringify(content.whatsapp.parameters) : null,
    updatedAt: new Date(),
  };
}

/** Templates per institution and language (issue 7 item 4): CRUD checked against each kind's declaration. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly db: Database,
    private readonly templates: TemplatesRepository,
    private readonly audit: AuditService,
  ) {}

  kinds(): TemplateKindView[] {
    return TEMPLATE_KINDS.map((k) => ({ ...k, defaults: DEFAULT_TEMPLATES[k.name]! }));
  }

  private view(row: NotificationTemplate): TemplateView {
    const kind = templateKind(row.name);
    return {
      id: row.id,
      name: row.name,
      language: row.language,
      purpose: kind?.purpose ?? null,
      variables: kind?.variables ?? [],
      ...contentOf(row),
      updatedAt: new Date(row.updatedAt).toISOString(),
    };
  }

  async list(): Promise<TemplateView[]> {
    return (await this.templates.list()).map((r) => this.view(r));
  }

  async get(id: string): Promise<TemplateView> {
    const row = await this.templates.byId(id);
    if (!row) throw new NotFoundError('The template');
    return this.view(row);
  }

  private validate(name: string, content: TemplateContent): void {
    const kind = templateKind(name);
    if (!kind)
      throw new ValidationFailedError([
        { field: 'name', message: `must be one of ${TEMPLATE_KINDS.map((k) => k.name).join(', ')}` },
      ]);
    if (!content.email && !content.sms && !content.whatsapp)
      throw new ValidationFailedError([
        { field: 'email', message: 'give the wording for at least one channel (email, sms or whatsapp)' },
      ]);
    const details = checkTemplate(kind, content);
    if (details.length)
      throw new ValidationFailedError(details, `The ${name} template does not fit what its event provides.`);
  }

  async create(input: { name: string; language: string } & TemplateContent): Promise<TemplateView> {
    this.validate(input.name, input);
    const id = uuidv7();
    await this.db.transaction(async () => {
      if (await this.templates.byNameAndLanguage(input.name, input.language))
        throw new TemplateExistsError(input.name, input.language);
      await this.templates.add([{ id, name: input.name, language: input.language, ...columnsOf(input) }]);
      await this.audit.record({
        action: 'notifications.template_create',
        targetType: 'notification_template',
        targetId: id,
        details: { name: input.name, language: input.language },
      });
    });
    return this.get(id);
  }

  async replace(id: string, content: TemplateContent): Promise<TemplateView> {
    await this.db.transaction(async () => {
      const row = await this.templates.byId(id);
      if (!row) throw new NotFoundError('The template');
      this.validate(row.name, content);
      await this.templates.replace(id, columnsOf(content));
      await this.audit.record({
        action: 'notifications.template_update',
        targetType: 'notification_template',
        targetId: id,
        details: {
          name: row.name,
          language: row.language,
          channels: (['email', 'sms', 'whatsapp'] as const).filter((c) => content[c]),
        },
      });
    });
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async () => {
      const row = await this.templates.byId(id);
      if (!row) throw new NotFoundError('The template');
      await this.templates.remove(id);
      await this.audit.record({
        action: 'notifications.template_delete',
        targetType: 'notification_template',
        targetId: id,
        details: { name: row.name, language: row.language },
      });
    });
  }

  /**
   * The wording a message goes out with: the institution's template in its language, else its English
   * one, else the built-in default (so account emails work in an institution that never set any).
   */
  async resolve(
    name: string,
    language: string,
  ): Promise<{ content: TemplateContent; language: string } | null> {
    const own =
      (await this.templates.byNameAndLanguage(name, language)) ??
      (language !== DEFAULT_LANGUAGE ? await this.templates.byNameAndLanguage(name, DEFAULT_LANGUAGE) : null);
    if (own) return { content: contentOf(own), language: own.language };
    const builtIn = DEFAULT_TEMPLATES[name];
    return builtIn ? { content: builtIn, language: DEFAULT_LANGUAGE } : null;
  }

  /** Stores the built-in English wording of every kind the institution has none of (seeding). */
  async installDefaults(): Promise<number> {
    let added = 0;
    await this.db.transaction(async () => {
      for (const kind of TEMPLATE_KINDS) {
        if (await this.templates.byNameAndLanguage(kind.name, DEFAULT_LANGUAGE)) continue;
        await this.templates.add([
          {
            id: uuidv7(),
            name: kind.name,
            language: DEFAULT_LANGUAGE,
            ...columnsOf(DEFAULT_TEMPLATES[kind.name]!),
          },
        ]);
        added++;
      }
    });
    return added;
  }
}
