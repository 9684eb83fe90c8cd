import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../app/i18n/registry';

export const circularsText = {
  title: 'Circulars',
  intro: 'Notices from the school to families and staff.',
  publisherIntro: 'Write notices, schedule or publish them, and see who has read and acknowledged them.',
  new: 'New circular',
  empty: 'No circulars yet.',
  readerEmpty: 'No circulars for you yet. Notices from the school appear here.',
  back: 'All circulars',
  filter: { status: 'Status', all: 'All' },
  statuses: { draft: 'Draft', scheduled: 'Scheduled', published: 'Published' },
  audiences: {
    school: 'Whole school',
    classes: 'Classes',
    sections: 'Sections',
    staff: 'Staff only',
  },
  fields: {
    title: 'Title',
    body: 'Notice',
    audience: 'Addressed to',
    classes: 'Classes',
    sections: 'Sections',
    requiresAck: 'Ask families to acknowledge (e.g. a permission slip)',
    publishAt: 'Publish at',
    attachment: 'PDF attachment (at most 5 MB)',
  },
  validation: {
    title: 'Give the circular a title.',
    body: 'Write the notice.',
    classes: 'Choose at least one class.',
    sections: 'Choose at least one section.',
    publishAt: 'Choose a time in the future.',
    attachmentType: 'Choose a PDF file.',
    attachmentSize: 'The file is larger than 5 MB.',
  },
  actions: {
    edit: 'Edit',
    save: 'Save',
    create: 'Save draft',
    publish: 'Publish now',
    schedule: 'Schedule',
    unschedule: 'Back to draft',
    delete: 'Delete',
    upload: 'Attach PDF',
    removeAttachment: 'Remove PDF',
    download: 'Download {{name}}',
    acknowledge: 'Acknowledge',
    open: 'Open',
  },
  confirm: {
    publishTitle: 'Publish this circular?',
    publishBody:
      'Families it addresses will see it at once, and guardians who opted in for circulars get a message. It cannot change afterwards.',
    deleteTitle: 'Delete this circular?',
    deleteBody: 'The draft and its attachment are deleted.',
  },
  done: {
    created: 'The draft is saved.',
    saved: 'The circular is saved.',
    published: 'The circular is published.',
    publishedToStaff:
      'The circular is published. Staff see it under Circulars; no messages are sent to staff.',
    scheduled: 'The circular is scheduled.',
    deleted: 'The circular is deleted.',
    uploaded: 'The PDF is attached.',
    acknowledged: 'Thank you: your acknowledgement is recorded.',
  },
  counts: {
    addressed: 'Addressed',
    read: 'Read',
    acknowledged: 'Acknowledged',
    notified:
      'Messages queued for {{queued}} of {{addressed}} guardians; {{missing}} not opted in for circulars or not reachable.',
    notifiedNone: 'No guardian is addressed, so no messages were queued.',
  },
  pending: {
    title: 'Not yet acknowledged',
    titleRead: 'Not yet read',
    none: 'Everyone addressed has acknowledged it.',
    noneRead: 'Everyone addressed has read it.',
    guardian: 'Guardian',
    students: 'Children',
    more: 'Show more',
    showing: 'Showing {{shown}} of {{total}}',
  },
  reader: {
    published: 'Published {{date}}',
    unread: 'New',
    ackNeeded: 'Acknowledgement needed',
    acknowledged: 'Acknowledged {{date}}',
    scheduledFor: 'Publishes {{date}}',
  },
  failed: 'The request failed',
  queuedNote: 'Queued messages go out within minutes, or after the quiet hours.',
} as const;

export type CircularsText = typeof circularsText;

export function useCircularsText() {
  return useTranslation('circulars').t;
}

// The strings travel with the feature's code, not the sign-in page's (app/i18n/registry.ts).
registerNamespace('circulars', circularsText);
