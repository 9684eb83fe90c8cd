import { useFeatureText } from '../attendance/feature-text';

export const notificationsText = {
  title: 'Notifications',
  intro: 'Every message sent to guardians, and the ones that could not be delivered.',
  consentsIntro: 'How the school may contact you.',
  tabs: { log: 'Delivery log', dead: 'Dead letters', consents: 'My consents' },
  status: {
    queued: 'Queued',
    sending: 'Sending',
    sent: 'Sent',
    delivered: 'Delivered',
    read: 'Read',
    failed: 'Failed',
    dead: 'Dead',
    cancelled: 'Cancelled',
  },
  channel: { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp' },
  filter: {
    status: 'Status',
    channel: 'Channel',
    from: 'From',
    to: 'To',
    any: 'Any',
    clear: 'Clear filters',
  },
  log: {
    label: 'Delivery log',
    empty:
      'No messages match. Messages appear here when attendance alerts, fee reminders or receipts are sent; try clearing the filters.',
    loadMore: 'Load more',
    open: 'Details',
    attempts: 'attempts: {{count}}',
    details: 'Details of the message to {{recipient}}',
    detailTitle: 'Message to {{recipient}}',
    timeline: 'Timeline',
    variables: 'Variables: {{names}}',
    noVariables: 'No variables',
  },
  consents: {
    help: 'Choose how the school may contact you, for each kind of message. Changes are saved at once.',
    empty:
      'There are no guardian records linked to your account. Ask the school office to link you to your children.',
    table: 'Consents of {{name}}',
    purpose: 'Messages about',
    switch: '{{purpose}} by {{channel}}',
    failed: 'Your choice was not saved',
    purposes: {
      absence_alerts: 'Absences',
      fee_reminders: 'Fee reminders',
      receipts: 'Receipts',
      exam_results: 'Exam results',
    },
  },
  dead: {
    label: 'Dead letters',
    empty:
      'No dead letters. Messages that fail every attempt show here, so you can fix the channel and retry.',
    retry: 'Retry',
    retryMessage: 'Retry the message to {{recipient}}',
    confirmTitle: 'Retry this message?',
    confirmBody: 'The {{channel}} message to {{recipient}} will be queued and sent again.',
    retried: 'The message is queued again.',
    retryFailed: 'The message could not be retried',
    noPermission: 'Retrying needs the manage notifications permission.',
  },
};

export type NotificationsText = typeof notificationsText;

export function useNotificationsText() {
  return useFeatureText('notifications', notificationsText);
}
