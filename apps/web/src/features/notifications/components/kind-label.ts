import type { NotificationsText, useNotificationsText } from '../i18n';

type KindName = keyof NotificationsText['kinds'];

const KNOWN_KINDS: readonly string[] = [
  'absence_alert',
  'fee_reminder',
  'receipt',
  'password_reset',
  'invitation',
  'exam_results',
  'circular',
  'privacy_requests_due',
] satisfies KindName[];

/** The kind's label from the feature text, or its API name for a kind this screen does not know yet. */
export function kindLabel(t: ReturnType<typeof useNotificationsText>, name: string): string {
  return KNOWN_KINDS.includes(name) ? t(`kinds.${name as KindName}`) : name;
}
