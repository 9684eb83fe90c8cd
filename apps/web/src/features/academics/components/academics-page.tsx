import { Stack } from '@mantine/core';
import { Permission } from '@shala/contracts';
import { PageHeader } from '../../../app/components/page-header';
import { PageTabs, type PageTab } from '../../../app/components/page-tabs';
import { useCan } from '../../auth/hooks/current-user';
import { useAcademicsText } from '../i18n';
import { AssignmentsPanel } from './assignments-panel';
import { ClassesPanel } from './classes-panel';
import { PromotionPanel } from './promotion-panel';
import { SubjectsPanel } from './subjects-panel';
import { YearsPanel } from './years-panel';

/** /academics: years, classes and sections, subjects, subject teachers, promotion (one file per panel). */
export function AcademicsPage() {
  const t = useAcademicsText();
  const canWrite = useCan(Permission.AcademicsWrite);
  const tabs: PageTab[] = [
    { key: 'years', label: t('tabs.years'), panel: <YearsPanel canWrite={canWrite} /> },
    { key: 'classes', label: t('tabs.classes'), panel: <ClassesPanel canWrite={canWrite} /> },
    { key: 'subjects', label: t('tabs.subjects'), panel: <SubjectsPanel canWrite={canWrite} /> },
    { key: 'assignments', label: t('tabs.assignments'), panel: <AssignmentsPanel canWrite={canWrite} /> },
  ];
  if (canWrite) tabs.push({ key: 'promotion', label: t('tabs.promotion'), panel: <PromotionPanel /> });
  return (
    <Stack gap="md">
      <PageHeader title={t('title')} intro={t('intro')} />
      <PageTabs tabs={tabs} />
    </Stack>
  );
}
