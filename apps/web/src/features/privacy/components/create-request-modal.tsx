import { Select, TextInput, Textarea } from '@mantine/core';
import {
  PRIVACY_REQUEST_TYPES,
  PRIVACY_SUBJECT_TYPES,
  type PrivacyRequestType,
  type PrivacySubjectType,
} from '@shala/contracts';
import { useState } from 'react';
import { FormModal } from '../../../app/components/form-modal';
import { formatDate } from '../../../app/format';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useStudents } from '../../students/hooks/use-students';
import { useCreatePrivacyRequest } from '../hooks/use-privacy';
import { usePrivacyText } from '../i18n';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Staff record a request received from a student, guardian or staff member. */
export function CreateRequestModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (message: string) => void;
}) {
  const t = usePrivacyText();
  const timeZone = useCurrentUser().institution.timeZone;
  const create = useCreatePrivacyRequest('requests');
  const [type, setType] = useState<PrivacyRequestType>('access');
  const [subjectType, setSubjectType] = useState<PrivacySubjectType>('student');
  const [search, setSearch] = useState('');
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [typedId, setTypedId] = useState('');
  const [details, setDetails] = useState('');
  const [missing, setMissing] = useState(false);
  const students = useStudents({ q: search.trim() || undefined }, subjectType === 'student');
  const options = (students.data?.pages.flatMap((p) => p.items) ?? []).map((s) => ({
    value: s.id,
    label: `${s.fullName} (${s.admissionNo})`,
  }));
  const chosen = subjectType === 'student' ? subjectId : typedId.trim();
  return (
    <FormModal
      onClose={onClose}
      title={t('create.title')}
      submitLabel={t('create.submit')}
      busy={create.isPending}
      error={create.error}
      onSubmit={(event) => {
        event.preventDefault();
        if (!chosen || !UUID.test(chosen)) {
          setMissing(true);
          return;
        }
        create.mutate(
          { type, subjectType, subjectId: chosen, ...(details.trim() ? { details: details.trim() } : {}) },
          {
            onSuccess: (saved) => {
              onCreated(t('create.created', { date: formatDate(saved.dueAt, timeZone) }));
              onClose();
            },
          },
        );
      }}
    >
      <Select
        label={t('create.type')}
        data={PRIVACY_REQUEST_TYPES.map((v) => ({ value: v, label: t(`types.${v}`) }))}
        value={type}
        onChange={(v) => v && setType(v as PrivacyRequestType)}
        allowDeselect={false}
      />
      <Select
        label={t('create.subjectType')}
        data={PRIVACY_SUBJECT_TYPES.map((v) => ({ value: v, label: t(`subjectTypes.${v}`) }))}
        value={subjectType}
        onChange={(v) => {
          if (!v) return;
          setSubjectType(v as PrivacySubjectType);
          setMissing(false);
        }}
        allowDeselect={false}
      />
      {subjectType === 'student' ? (
        <Select
          label={t('create.student')}
          placeholder={t('create.studentSearch')}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: all }) => all}
          data={options}
          value={subjectId}
          onChange={(v) => {
            setSubjectId(v);
            setMissing(false);
          }}
          error={missing ? t('create.student') : undefined}
          required
        />
      ) : (
        <TextInput
          label={t('create.subjectId')}
          description={t('create.subjectIdHelp')}
          value={typedId}
          onChange={(e) => {
            setTypedId(e.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? t('create.subjectId') : undefined}
          required
        />
      )}
      <Textarea
        label={t('create.details')}
        maxLength={2000}
        value={details}
        onChange={(e) => setDetails(e.currentTarget.value)}
        autosize
        minRows={2}
      />
    </FormModal>
  );
}
