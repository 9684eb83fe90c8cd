import { Select, Textarea } from '@mantine/core';
import type { PrivacyRequestType } from '@shala/contracts';
import { useState } from 'react';
import { FormModal } from '../../../app/components/form-modal';
import { formatDate } from '../../../app/format';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useCreatePrivacyRequest } from '../hooks/use-privacy';
import { usePrivacyText } from '../i18n';

/** What a parent may ask about a child's data besides a copy (the copy has its own button). */
const PARENT_TYPES = [
  'correction',
  'erasure',
  'restriction',
] as const satisfies readonly PrivacyRequestType[];
type ParentType = (typeof PARENT_TYPES)[number];

/**
 * A parent asks the school to correct, erase or restrict a child's data. The school receives it as a
 * request due in 30 days; a correction must say what is wrong.
 */
export function MyRequestModal({
  kids,
  onClose,
  onCreated,
}: {
  kids: { id: string; label: string }[];
  onClose: () => void;
  onCreated: (message: string) => void;
}) {
  const t = usePrivacyText();
  const timeZone = useCurrentUser().institution.timeZone;
  const create = useCreatePrivacyRequest('my-requests');
  const [child, setChild] = useState<string | null>(kids[0]?.id ?? null);
  const [type, setType] = useState<ParentType>('correction');
  const [details, setDetails] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <FormModal
      onClose={onClose}
      title={t('my.otherTitle')}
      intro={t('my.otherIntro')}
      submitLabel={t('my.otherSubmit')}
      busy={create.isPending}
      error={create.error}
      onSubmit={(event) => {
        event.preventDefault();
        if (!child) return;
        if (type === 'correction' && !details.trim()) {
          setMissing(true);
          return;
        }
        create.mutate(
          {
            type,
            subjectType: 'student',
            subjectId: child,
            ...(details.trim() ? { details: details.trim() } : {}),
          },
          {
            onSuccess: (saved) => {
              onCreated(t('my.otherCreated', { date: formatDate(saved.dueAt, timeZone) }));
              onClose();
            },
          },
        );
      }}
    >
      <Select
        label={t('my.child')}
        data={kids.map((k) => ({ value: k.id, label: k.label }))}
        value={child}
        onChange={setChild}
        allowDeselect={false}
        required
      />
      <Select
        label={t('my.otherType')}
        data={PARENT_TYPES.map((v) => ({ value: v, label: t(`my.otherTypes.${v}`) }))}
        value={type}
        onChange={(v) => {
          if (!v) return;
          setType(v as ParentType);
          setMissing(false);
        }}
        allowDeselect={false}
        required
      />
      <Textarea
        label={type === 'correction' ? t('my.otherWhatWrong') : t('my.otherWhy')}
        required={type === 'correction'}
        maxLength={2000}
        value={details}
        error={missing ? t('my.otherWhatWrongRequired') : undefined}
        onChange={(e) => {
          setDetails(e.currentTarget.value);
          setMissing(false);
        }}
        autosize
        minRows={3}
      />
    </FormModal>
  );
}
