import { Alert, Badge, Button, Card, Center, Group, Loader, Stack, Text } from '@mantine/core';
import type { ClassDto, ResultPublicationView } from '@shala/contracts';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { EmptyState } from '../../../app/components/empty-state';
import { useExamStructure, usePublishResults, useSectionResults } from '../hooks/use-exams';
import { useExamLookups } from '../hooks/use-lookups';
import { useExamsText } from '../i18n';
import { TermSelect } from './pickers';

/** Per term and class: whether the results are published, with Publish / Unpublish (exams.publish). */
export function PublishPanel() {
  const t = useExamsText();
  const structure = useExamStructure();
  const lookups = useExamLookups();
  const [termId, setTermId] = useState<string | null>(null);
  const [done, setDone] = useState<{ view: ResultPublicationView; className: string } | null>(null);
  const term = structure.data?.terms.find((x) => x.id === termId) ?? structure.data?.terms[0] ?? null;

  if (structure.isPending || lookups.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  const loadError = structure.error ?? lookups.error;
  if (loadError || !structure.data) return <ApiErrorAlert error={loadError} />;
  if (!term) return <EmptyState>{t('structure.empty')}</EmptyState>;
  // Classes that sit a paper this term.
  const classIds = new Set(term.assessments.flatMap((a) => a.papers.map((p) => p.classId)));
  const classes = lookups.classes.filter((c) => classIds.has(c.id) && c.sections.length > 0);

  return (
    <Stack gap="md">
      <Group maw={420}>
        <TermSelect
          structure={structure.data}
          value={term.id}
          onChange={(value) => {
            setTermId(value);
            setDone(null);
          }}
        />
      </Group>
      {done ? (
        <Alert color="green" role="status" withCloseButton onClose={() => setDone(null)}>
          {done.view.published
            ? t('publish.done', { class: done.className, notified: done.view.notified })
            : t('publish.undone', { class: done.className })}
        </Alert>
      ) : null}
      <Stack
        component="ul"
        gap="sm"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('publish.label')}
      >
        {classes.map((c) => (
          <ClassPublication
            key={`${term.id}:${c.id}`}
            termId={term.id}
            termName={term.name}
            klass={c}
            onDone={(view) => setDone({ view, className: c.name })}
          />
        ))}
      </Stack>
    </Stack>
  );
}

function ClassPublication({
  termId,
  termName,
  klass,
  onDone,
}: {
  termId: string;
  termName: string;
  klass: ClassDto;
  onDone: (view: ResultPublicationView) => void;
}) {
  const t = useExamsText();
  // The publication state is per class; any of its sections' results carries it.
  const results = useSectionResults(termId, klass.sections[0]?.id ?? null);
  const publish = usePublishResults();
  const [asking, setAsking] = useState<'publish' | 'unpublish' | null>(null);
  const published = results.data?.published ?? false;
  const names = { term: termName, class: klass.name };

  return (
    <Card component="li" withBorder padding="sm" data-testid="publication-row">
      <Group justify="space-between" gap="sm">
        <Stack gap={2}>
          <Text fw={500}>{klass.name}</Text>
          {results.isPending ? (
            <Loader size="xs" />
          ) : results.isError ? (
            <ApiErrorAlert error={results.error} />
          ) : (
            <Badge color={published ? 'green' : 'gray'} variant="light">
              {published ? t('publish.published') : t('publish.notPublished')}
            </Badge>
          )}
        </Stack>
        {results.isSuccess ? (
          published ? (
            <Group gap="xs">
              <Button variant="light" size="xs" onClick={() => setAsking('publish')}>
                {t('publish.publish')}
              </Button>
              <Button variant="default" color="red" size="xs" onClick={() => setAsking('unpublish')}>
                {t('publish.unpublish')}
              </Button>
            </Group>
          ) : (
            <Button size="xs" onClick={() => setAsking('publish')}>
              {t('publish.publish')}
            </Button>
          )
        ) : null}
      </Group>
      <ConfirmModal
        opened={asking !== null}
        title={asking === 'unpublish' ? t('publish.unpublishTitle', names) : t('publish.publishTitle', names)}
        confirmLabel={asking === 'unpublish' ? t('publish.unpublish') : t('publish.publish')}
        color={asking === 'unpublish' ? 'red' : 'blue'}
        loading={publish.isPending}
        error={publish.error}
        onClose={() => {
          setAsking(null);
          publish.reset();
        }}
        onConfirm={() =>
          publish.mutate(
            { termId, classId: klass.id, publish: asking !== 'unpublish' },
            {
              onSuccess: (view) => {
                setAsking(null);
                onDone(view);
              },
            },
          )
        }
      >
        {asking === 'unpublish' ? t('publish.unpublishBody', names) : t('publish.publishBody', names)}
      </ConfirmModal>
    </Card>
  );
}
