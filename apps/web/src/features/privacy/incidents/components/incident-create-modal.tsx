import { Checkbox, MultiSelect, NumberInput, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import {
  INCIDENT_DATA_CATEGORIES,
  INCIDENT_NATURE_MAX,
  INCIDENT_TEXT_MAX,
  type IncidentDataCategory,
  type IncidentView,
} from '@shala/contracts';
import { useState } from 'react';
import { FormModal } from '../../../../app/components/form-modal';
import { useInstitutions } from '../../../platform/hooks/use-institutions';
import type { IncidentScope } from '../api/incidents.api';
import { useCreateIncident } from '../hooks/use-incidents';
import { usePrivacyIncidentsText } from '../i18n';

/** `YYYY-MM-DDTHH:MM` in the browser's zone, for a datetime-local input. */
export function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The operator's school picker (only mounted on the operator's screen). */
function SchoolPicker({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const t = usePrivacyIncidentsText();
  const schools = useInstitutions();
  return (
    <MultiSelect
      label={t('create.schools')}
      required
      searchable
      data={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

/** Records an incident; the operator also names the affected schools. */
export function IncidentCreateModal({
  scope,
  onClose,
  onCreated,
}: {
  scope: IncidentScope;
  onClose: () => void;
  onCreated: (view: IncidentView) => void;
}) {
  const t = usePrivacyIncidentsText();
  const create = useCreateIncident(scope);
  const [detectedAt, setDetectedAt] = useState(() => localInputValue(new Date()));
  const [nature, setNature] = useState('');
  const [description, setDescription] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [subjects, setSubjects] = useState<number | string>(0);
  const [containment, setContainment] = useState('');
  const [mitigation, setMitigation] = useState('');
  const [whatsapp, setWhatsapp] = useState(false);
  const [schools, setSchools] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, boolean>>({});
  return (
    <FormModal
      onClose={onClose}
      title={t('create.title')}
      submitLabel={t('create.submit')}
      busy={create.isPending}
      error={create.error}
      size="lg"
      onSubmit={(event) => {
        event.preventDefault();
        const count = typeof subjects === 'number' ? subjects : Number(subjects);
        const detected = new Date(detectedAt);
        const next = {
          detectedAt: !detectedAt || Number.isNaN(detected.getTime()),
          nature: !nature.trim(),
          description: !description.trim(),
          categories: categories.length === 0,
          subjects: !Number.isInteger(count) || count < 0,
          schools: scope === 'platform' && schools.length === 0,
        };
        setErrors(next);
        if (Object.values(next).some(Boolean)) return;
        create.mutate(
          {
            detectedAt: detected.toISOString(),
            nature: nature.trim(),
            description: description.trim(),
            categories: categories as IncidentDataCategory[],
            subjectsCount: count,
            whatsappInvolved: whatsapp,
            ...(containment.trim() ? { containment: containment.trim() } : {}),
            ...(mitigation.trim() ? { mitigation: mitigation.trim() } : {}),
            ...(scope === 'platform' ? { institutionIds: schools } : {}),
          },
          { onSuccess: onCreated },
        );
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('create.detectedAt')}
          type="datetime-local"
          required
          value={detectedAt}
          error={errors.detectedAt ? t('create.required') : undefined}
          onChange={(e) => setDetectedAt(e.currentTarget.value)}
        />
        <NumberInput
          label={t('create.subjectsCount')}
          required
          min={0}
          allowDecimal={false}
          clampBehavior="none"
          value={subjects}
          error={errors.subjects ? t('create.badCount') : undefined}
          onChange={setSubjects}
        />
      </SimpleGrid>
      <TextInput
        label={t('create.nature')}
        required
        maxLength={INCIDENT_NATURE_MAX}
        value={nature}
        error={errors.nature ? t('create.required') : undefined}
        onChange={(e) => setNature(e.currentTarget.value)}
      />
      <Textarea
        label={t('create.description')}
        required
        maxLength={INCIDENT_TEXT_MAX}
        autosize
        minRows={3}
        value={description}
        error={errors.description ? t('create.required') : undefined}
        onChange={(e) => setDescription(e.currentTarget.value)}
      />
      <MultiSelect
        label={t('create.categories')}
        required
        data={INCIDENT_DATA_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
        value={categories}
        onChange={setCategories}
        error={errors.categories ? t('create.noCategories') : undefined}
      />
      {scope === 'platform' ? (
        <SchoolPicker
          value={schools}
          onChange={setSchools}
          error={errors.schools ? t('create.noSchools') : undefined}
        />
      ) : null}
      <Textarea
        label={t('create.containment')}
        maxLength={INCIDENT_TEXT_MAX}
        autosize
        minRows={2}
        value={containment}
        onChange={(e) => setContainment(e.currentTarget.value)}
      />
      <Textarea
        label={t('create.mitigation')}
        maxLength={INCIDENT_TEXT_MAX}
        autosize
        minRows={2}
        value={mitigation}
        onChange={(e) => setMitigation(e.currentTarget.value)}
      />
      <Checkbox
        label={t('create.whatsapp')}
        checked={whatsapp}
        onChange={(e) => setWhatsapp(e.currentTarget.checked)}
      />
    </FormModal>
  );
}
