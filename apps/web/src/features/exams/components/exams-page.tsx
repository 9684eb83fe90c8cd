import { Alert, Stack } from '@mantine/core';
import { DefaultRole, Permission } from '@shala/contracts';
import { lazy, type ReactNode } from 'react';
import { PageHeader } from '../../../app/components/page-header';
import { PageTabs } from '../../../app/components/page-tabs';
import { SignedInPage } from '../../../routes/signed-in-page';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useExamsText, type examsText } from '../i18n';
import { FamilyResults } from './family-results';

const MarksEntryPanel = lazy(async () => ({
  default: (await import('./marks-entry-panel')).MarksEntryPanel,
}));
const ProgressPanel = lazy(async () => ({ default: (await import('./progress-panel')).ProgressPanel }));
const ResultsPanel = lazy(async () => ({ default: (await import('./results-panel')).ResultsPanel }));
const PublishPanel = lazy(async () => ({ default: (await import('./publish-panel')).PublishPanel }));
const AnalyticsPanel = lazy(async () => ({ default: (await import('./analytics-panel')).AnalyticsPanel }));
const SchedulePanel = lazy(async () => ({ default: (await import('./schedule-panel')).SchedulePanel }));
const StructurePanel = lazy(async () => ({ default: (await import('./structure-panel')).StructurePanel }));
const TermEntriesPanel = lazy(async () => ({
  default: (await import('./term-entries-panel')).TermEntriesPanel,
}));

type Tab = keyof (typeof examsText)['tabs'];

/** /exams behind exams.read. */
export function ExamsRoute() {
  return (
    <SignedInPage permission={Permission.ExamsRead}>
      <ExamsPage />
    </SignedInPage>
  );
}

/**
 * /exams: parents and students read published results; staff work in tabs (?tab=) by permission — marks
 * entry first for whoever enters marks, then progress, results, publishing, the structure.
 */
export function ExamsPage() {
  const t = useExamsText();
  const me = useCurrentUser();
  const can = (permission: Permission) => me.permissions.includes(permission);
  const family =
    !can(Permission.ExamsWrite) &&
    (me.roles.includes(DefaultRole.Parent) || me.roles.includes(DefaultRole.Student));
  const tabs: { key: Tab | 'entries'; panel: ReactNode }[] = [];
  if (!family) {
    // A teacher opens on marks entry; the office on progress, with marks entry after the overviews.
    const teacher = me.roles.includes(DefaultRole.Teacher);
    const marks = can(Permission.ExamsWrite) && can(Permission.AcademicsRead);
    if (marks && teacher) tabs.push({ key: 'marks', panel: <MarksEntryPanel /> });
    if (marks && teacher) tabs.push({ key: 'entries', panel: <TermEntriesPanel /> });
    if (can(Permission.AcademicsRead)) {
      tabs.push({ key: 'progress', panel: <ProgressPanel /> });
      tabs.push({ key: 'results', panel: <ResultsPanel /> });
      tabs.push({ key: 'analytics', panel: <AnalyticsPanel /> });
      if (can(Permission.ExamsPublish)) tabs.push({ key: 'publish', panel: <PublishPanel /> });
    }
    if (marks && !teacher) tabs.push({ key: 'marks', panel: <MarksEntryPanel /> });
    if (marks && !teacher) tabs.push({ key: 'entries', panel: <TermEntriesPanel /> });
    if (can(Permission.AcademicsRead)) tabs.push({ key: 'schedule', panel: <SchedulePanel /> });
    tabs.push({ key: 'structure', panel: <StructurePanel /> });
  }

  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader title={t('title')} intro={family ? t('familyIntro') : t('intro')} />
      {family ? (
        <FamilyResults />
      ) : tabs.length === 0 ? (
        <Alert color="gray">{t('intro')}</Alert>
      ) : (
        <PageTabs
          tabs={tabs.map((tab) => ({
            ...tab,
            label: tab.key === 'entries' ? t('termEntries.tab') : t(`tabs.${tab.key}`),
          }))}
        />
      )}
    </Stack>
  );
}
