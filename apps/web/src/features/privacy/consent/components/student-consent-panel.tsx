import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Radio,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import {
  CONSENT_DOCUMENT_REF_MAX,
  STUDENT_CONSENT_PURPOSES,
  type StudentConsentPurpose,
  type StudentConsentsView,
} from '@shala/contracts';
import { IconFileCheck } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { ApiErrorAlert } from '../../../../app/components/api-error-alert';
import { FormModal } from '../../../../app/components/form-modal';
import {
  useRecordPaperConsent,
  useSetBiometricAttendance,
  useStudentConsents,
} from '../hooks/use-student-consents';
import { usePrivacyConsentText } from '../i18n';
import { ConsentHistory } from './consent-history';

/**
 * Staff side of verifiable parental consent, beside the student's account (issue 13 item 7): the consent
 * of each purpose, why an account cannot be created yet, recording a guardian's paper form, and the
 * biometric attendance switch. `children` (the account actions) show only when an account is allowed.
 */
export function StudentConsentPanel({ studentId, children }: { studentId: string; children?: ReactNode }) {
  const t = usePrivacyConsentText();
  const view = useStudentConsents(studentId);
  const [recording, setRecording] = useState(false);
  if (view.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (view.isError) return <ApiErrorAlert error={view.error} />;
  const v = view.data;
  return (
    <Stack gap="xs" data-testid="student-consents">
      <Text size="sm" fw={600}>
        {t('staff.title')}
      </Text>
      <Group gap="xs">
        {STUDENT_CONSENT_PURPOSES.map((purpose) => {
          const granted = v.consents.find((c) => c.purpose === purpose)?.granted === true;
          return (
            <Badge key={purpose} variant="light" color={granted ? 'teal' : 'gray'}>
              {t(`purposes.${purpose}`)}: {granted ? t('staff.granted') : t('staff.notGiven')}
            </Badge>
          );
        })}
      </Group>
      {v.adult ? (
        <Text size="sm" c="dimmed">
          {t('staff.adult')}
        </Text>
      ) : !v.accountAllowed ? (
        <Alert color="yellow" variant="light" p="xs">
          <Text size="sm">{v.hasAccount ? t('staff.withdrawnWithAccount') : t('staff.blocked')}</Text>
        </Alert>
      ) : null}
      {v.accountAllowed ? children : null}
      <BiometricSwitch view={v} />
      <Button
        size="xs"
        variant="default"
        w="fit-content"
        leftSection={<IconFileCheck size={14} aria-hidden />}
        onClick={() => setRecording(true)}
      >
        {t('staff.record')}
      </Button>
      <ConsentHistory events={v.history} />
      {recording ? <PaperConsentModal view={v} onClose={() => setRecording(false)} /> : null}
    </Stack>
  );
}

function BiometricSwitch({ view }: { view: StudentConsentsView }) {
  const t = usePrivacyConsentText();
  const set = useSetBiometricAttendance(view.studentId);
  const consented = view.consents.some((c) => c.purpose === 'biometric_attendance' && c.granted);
  return (
    <Stack gap={2}>
      <Switch
        label={t('staff.biometric')}
        description={consented ? undefined : t('staff.biometricNeedsConsent')}
        checked={view.biometricAttendance}
        disabled={set.isPending || (!consented && !view.biometricAttendance)}
        onChange={(event) => set.mutate(event.currentTarget.checked)}
      />
      {set.isError ? <ApiErrorAlert error={set.error} title={t('staff.biometricFailed')} /> : null}
    </Stack>
  );
}

function PaperConsentModal({ view, onClose }: { view: StudentConsentsView; onClose: () => void }) {
  const t = usePrivacyConsentText();
  const record = useRecordPaperConsent(view.studentId);
  const schema = z.object({
    guardianId: z.string().min(1, t('paper.guardianRequired')),
    purpose: z.enum(STUDENT_CONSENT_PURPOSES),
    decision: z.enum(['give', 'withdraw']),
    documentRef: z.string().trim().min(1, t('paper.referenceRequired')).max(CONSENT_DOCUMENT_REF_MAX),
  });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: {
      guardianId: view.guardians[0]?.guardianId ?? '',
      purpose: 'student_account' as StudentConsentPurpose,
      decision: 'give',
      documentRef: '',
    },
  });
  const submit = form.handleSubmit(async (values) => {
    try {
      await record.mutateAsync({
        guardianId: values.guardianId,
        purpose: values.purpose,
        granted: values.decision === 'give',
        documentRef: values.documentRef,
      });
      onClose();
    } catch {
      // The modal shows the error and stays open.
    }
  });
  return (
    <FormModal
      onClose={onClose}
      title={t('paper.title')}
      onSubmit={submit}
      submitLabel={t('paper.submit')}
      busy={form.formState.isSubmitting}
      error={record.error}
      errorTitle={t('paper.failed')}
      intro={
        <Text size="sm" c="dimmed">
          {t('paper.intro')}
        </Text>
      }
    >
      <Controller
        control={form.control}
        name="guardianId"
        render={({ field, fieldState }) => (
          <Select
            label={t('paper.guardian')}
            data={view.guardians.map((g) => ({ value: g.guardianId, label: g.fullName }))}
            value={field.value || null}
            onChange={(value) => field.onChange(value ?? '')}
            error={fieldState.error?.message}
            required
            comboboxProps={{ withinPortal: true }}
          />
        )}
      />
      <Controller
        control={form.control}
        name="purpose"
        render={({ field }) => (
          <Select
            label={t('paper.purpose')}
            data={STUDENT_CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`purposes.${p}`) }))}
            value={field.value}
            onChange={(value) => value && field.onChange(value)}
            allowDeselect={false}
            required
            comboboxProps={{ withinPortal: true }}
          />
        )}
      />
      <Controller
        control={form.control}
        name="decision"
        render={({ field }) => (
          <Radio.Group label={t('paper.decision')} value={field.value} onChange={field.onChange}>
            <Group gap="md" mt={4}>
              <Radio value="give" label={t('paper.give')} />
              <Radio value="withdraw" label={t('paper.withdraw')} />
            </Group>
          </Radio.Group>
        )}
      />
      <TextInput
        {...form.register('documentRef')}
        label={t('paper.reference')}
        description={t('paper.referenceHint')}
        error={form.formState.errors.documentRef?.message}
        maxLength={CONSENT_DOCUMENT_REF_MAX}
        autoComplete="off"
        required
      />
    </FormModal>
  );
}
