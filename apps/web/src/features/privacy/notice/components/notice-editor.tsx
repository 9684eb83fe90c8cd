import { TextInput, Textarea } from '@mantine/core';
import {
  PRIVACY_NOTICE_BODY_MAX,
  PRIVACY_NOTICE_CONTACT_MAX,
  type PrivacyNoticeDraft,
  type PrivacyNoticeView,
} from '@shala/contracts';
import { useState } from 'react';
import { FormModal } from '../../../../app/components/form-modal';
import { useSaveNoticeDraft } from '../hooks/use-privacy-notice';
import { usePrivacyNoticeText } from '../i18n';

/**
 * Writes a new draft (starting from `from`, the version in force, when there is one) or edits the draft
 * `draft`. The text is plain: the reader renders it without interpreting HTML.
 */
export function NoticeEditor({
  draft,
  from,
  onClose,
  onSaved,
}: {
  draft: PrivacyNoticeView | null;
  from: PrivacyNoticeDraft | null;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const t = usePrivacyNoticeText();
  const save = useSaveNoticeDraft();
  const start = draft ?? from;
  const [bodyEn, setBodyEn] = useState(start?.bodyEn ?? '');
  const [bodyHi, setBodyHi] = useState(start?.bodyHi ?? '');
  const [contact, setContact] = useState(start?.contact ?? '');
  const [tried, setTried] = useState(false);
  const missing = (v: string) => (tried && !v.trim() ? t('editor.required') : undefined);
  return (
    <FormModal
      onClose={onClose}
      size="xl"
      title={draft ? t('editor.titleEdit', { version: draft.version }) : t('editor.titleNew')}
      submitLabel={t('editor.save')}
      busy={save.isPending}
      error={save.error}
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (!bodyEn.trim() || !contact.trim()) return;
        save.mutate(
          { ...(draft ? { id: draft.id } : {}), bodyEn, bodyHi: bodyHi.trim() ? bodyHi : null, contact },
          {
            onSuccess: () => {
              onSaved(t('panel.saved'));
              onClose();
            },
          },
        );
      }}
    >
      <Textarea
        label={t('editor.bodyEn')}
        description={t('editor.bodyHelp')}
        value={bodyEn}
        onChange={(e) => setBodyEn(e.currentTarget.value)}
        maxLength={PRIVACY_NOTICE_BODY_MAX}
        autosize
        minRows={6}
        maxRows={18}
        required
        error={missing(bodyEn)}
      />
      <Textarea
        label={t('editor.bodyHi')}
        lang="hi"
        value={bodyHi}
        onChange={(e) => setBodyHi(e.currentTarget.value)}
        maxLength={PRIVACY_NOTICE_BODY_MAX}
        autosize
        minRows={4}
        maxRows={18}
      />
      <TextInput
        label={t('editor.contact')}
        description={t('editor.contactHelp')}
        value={contact}
        onChange={(e) => setContact(e.currentTarget.value)}
        maxLength={PRIVACY_NOTICE_CONTACT_MAX}
        required
        error={missing(contact)}
      />
    </FormModal>
  );
}
