import { ConflictError, RuleViolationError } from '../../platform/errors/domain-error';

export const NotificationsErrorCode = {
  TemplateExists: 'NOTIFICATION_TEMPLATE_EXISTS',
  NotRetryable: 'NOTIFICATION_NOT_RETRYABLE',
  ChannelIncomplete: 'NOTIFICATION_CHANNEL_INCOMPLETE',
} as const;

export class TemplateExistsError extends ConflictError {
  constructor(name: string, language: string) {
    super(
      `The institution already has a ${name} template in ${language}; edit that one.`,
      NotificationsErrorCode.TemplateExists,
    );
  }
}

export class MessageNotRetryableError extends ConflictError {
  constructor(status: string) {
    super(`Only dead messages can be retried; this one is ${status}.`, NotificationsErrorCode.NotRetryable);
  }
}

export class ChannelIncompleteError extends RuleViolationError {
  constructor(channel: string, problems: string[]) {
    super(
      `The ${channel} channel cannot be enabled yet: ${problems.join('; ')}.`,
      NotificationsErrorCode.ChannelIncomplete,
      problems.map((message) => ({ field: channel, message })),
    );
  }
}
