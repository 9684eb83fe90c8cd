import { PrivacyNoticeErrorCode } from '@shala/contracts';
import { ConflictError } from '../../../platform/errors/domain-error';

/** 409: the school already has a draft; edit or publish it before starting another. */
export class NoticeDraftExistsError extends ConflictError {
  constructor(version: number) {
    super(
      `Version ${version} of the privacy notice is still a draft; edit or publish it first.`,
      PrivacyNoticeErrorCode.DraftExists,
    );
  }
}

/** 409: a published version never changes; start a new draft instead. */
export class NoticeNotADraftError extends ConflictError {
  constructor(version: number) {
    super(
      `Version ${version} of the privacy notice is published and cannot change.`,
      PrivacyNoticeErrorCode.NotADraft,
    );
  }
}

/** 409: the version accepted is not the one in force (a newer one was published meanwhile, or none is). */
export class NoticeNotCurrentError extends ConflictError {
  constructor(version: number) {
    super(
      `Version ${version} is not the privacy notice in force; read the current one and accept it.`,
      PrivacyNoticeErrorCode.NotCurrent,
    );
  }
}
