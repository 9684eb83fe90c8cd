import { Injectable } from '@nestjs/common';
import {
  DefaultRole,
  type MyPrivacyNoticeView,
  type PrivacyNoticeDraft,
  type PrivacyNoticeView,
  type PublishedPrivacyNotice,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../../platform/database/database';
import { NotFoundError } from '../../../platform/errors/domain-error';
import { RequestContext } from '../../../platform/tenancy/request-context';
import { Clock } from '../../../platform/time/clock';
import { AuditService } from '../../audit/audit.service';
import type { PrivacyNotice } from './privacy-notice.entities';
import { NoticeDraftExistsError, NoticeNotADraftError, NoticeNotCurrentError } from './privacy-notice.errors';
import { PrivacyNoticeAcceptancesRepository, PrivacyNoticesRepository } from './privacy-notice.repository';

const iso = (d: Date) => new Date(d).toISOString();

/** The text of a draft as stored: trimmed; an empty Hindi text is no Hindi text. */
function cleaned(input: PrivacyNoticeDraft): Pick<PrivacyNotice, 'bodyEn' | 'bodyHi' | 'contact'> {
  return { bodyEn: input.bodyEn.trim(), bodyHi: input.bodyHi?.trim() || null, contact: input.contact.trim() };
}

/** A published version as readers see it (no staff ids). */
export function publishedView(n: PrivacyNotice): PublishedPrivacyNotice {
  return {
    version: n.version,
    bodyEn: n.bodyEn,
    bodyHi: n.bodyHi,
    contact: n.contact,
    publishedAt: iso(n.publishedAt!),
  };
}

/**
 * The privacy notice (issue 13 item 8): one draft at a time, published versions kept unchanged for good,
 * the newest published version in force. A parent must accept the version in force before going on; each
 * acceptance is a row (user, version, time) and an audit event, and a new version asks again.
 */
@Injectable()
export class PrivacyNoticeService {
  constructor(
    private readonly db: Database,
    private readonly notices: PrivacyNoticesRepository,
    private readonly acceptances: PrivacyNoticeAcceptancesRepository,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    private readonly clock: Clock,
  ) {}

  async versions(): Promise<PrivacyNoticeView[]> {
    const rows = await this.notices.versions();
    const counts = await this.acceptances.counts(rows.map((r) => r.id));
    const current = rows.find((r) => r.status === 'published')?.id;
    return rows.map((r) => this.view(r, r.id === current, counts.get(r.id) ?? 0));
  }

  async createDraft(input: PrivacyNoticeDraft): Promise<PrivacyNoticeView> {
    const id = uuidv7();
    await this.db.transaction(async () => {
      const draft = await this.notices.draft();
      if (draft) throw new NoticeDraftExistsError(draft.version);
      const now = this.clock.now();
      await this.notices.create({
        id,
        version: (await this.notices.latestVersion()) + 1,
        status: 'draft',
        ...cleaned(input),
        createdByUserId: this.userId(),
        publishedAt: null,
        publishedByUserId: null,
        updatedAt: now,
      });
    });
    return this.one(id);
  }

  async editDraft(id: string, input: PrivacyNoticeDraft): Promise<PrivacyNoticeView> {
    const notice = await this.get(id);
    if (notice.status !== 'draft') throw new NoticeNotADraftError(notice.version);
    const edited = await this.notices.editDraft(id, { ...cleaned(input), updatedAt: this.clock.now() });
    if (!edited) throw new NoticeNotADraftError(notice.version);
    return this.one(id);
  }

  /** Publishes a draft: it becomes the version in force, and every parent is asked to accept it. Audited. */
  async publish(id: string): Promise<PrivacyNoticeView> {
    const notice = await this.get(id);
    if (notice.status !== 'draft') throw new NoticeNotADraftError(notice.version);
    await this.db.transaction(async () => {
      if (!(await this.notices.publish(id, this.clock.now(), this.userId())))
        throw new NoticeNotADraftError(notice.version);
      await this.audit.record({
        action: 'privacy.notice.publish',
        targetType: 'privacy_notice',
        targetId: id,
        details: { version: notice.version },
      });
    });
    return this.one(id);
  }

  /** The version in force and whether the caller accepted it; parents must accept before going on. */
  async mine(): Promise<MyPrivacyNoticeView> {
    const current = await this.notices.current();
    if (!current) return { notice: null, acceptedAt: null, mustAccept: false };
    const accepted = await this.acceptances.of(this.userId(), current.id);
    return {
      notice: publishedView(current),
      acceptedAt: accepted ? iso(accepted.acceptedAt) : null,
      mustAccept: !accepted && this.context.roles.includes(DefaultRole.Parent),
    };
  }

  /** Records that the caller accepted `version`, which must be the version in force (409 otherwise). */
  async accept(version: number): Promise<MyPrivacyNoticeView> {
    const userId = this.userId();
    await this.db.transaction(async () => {
      const current = await this.notices.current();
      if (!current || current.version !== version) throw new NoticeNotCurrentError(version);
      if (await this.acceptances.of(userId, current.id)) return;
      const id = uuidv7();
      await this.acceptances.create({
        id,
        noticeId: current.id,
        version,
        userId,
        acceptedAt: this.clock.now(),
      });
      await this.audit.record({
        action: 'privacy.notice.accept',
        targetType: 'privacy_notice',
        targetId: current.id,
        details: { version },
      });
    });
    return this.mine();
  }

  private async one(id: string): Promise<PrivacyNoticeView> {
    const view = (await this.versions()).find((v) => v.id === id);
    if (!view) throw new NotFoundError('The privacy notice');
    return view;
  }

  private async get(id: string): Promise<PrivacyNotice> {
    const notice = await this.notices.byId(id);
    if (!notice) throw new NotFoundError('The privacy notice');
    return notice;
  }

  private userId(): string {
    const userId = this.context.userId;
    if (!userId) throw new NotFoundError('The privacy notice');
    return userId;
  }

  private view(n: PrivacyNotice, current: boolean, acceptances: number): PrivacyNoticeView {
    return {
      id: n.id,
      version: n.version,
      status: n.status,
      bodyEn: n.bodyEn,
      bodyHi: n.bodyHi,
      contact: n.contact,
      createdAt: iso(n.createdAt),
      updatedAt: iso(n.updatedAt),
      publishedAt: n.publishedAt ? iso(n.publishedAt) : null,
      current,
      acceptances,
    };
  }
}
