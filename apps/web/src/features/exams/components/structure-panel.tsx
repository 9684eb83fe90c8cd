import { Badge, Card, Center, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { EmptyState } from '../../../app/components/empty-state';
import { formatSchoolDate } from '../../../app/school-date';
import { useExamStructure } from '../hooks/use-exams';
import { useExamsText } from '../i18n';
import { decimal } from './pickers';

/** The year's exam structure, read-only: terms with their assessments and weightages, grading scales. */
export function StructurePanel() {
  const t = useExamsText();
  const structure = useExamStructure();
  if (structure.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader size="sm" />
      </Center>
    );
  }
  if (structure.isError) return <ApiErrorAlert error={structure.error} />;
  const { terms, scales, coScholasticAreas } = structure.data;
  if (terms.length === 0) return <EmptyState>{t('structure.empty')}</EmptyState>;

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {terms.map((term) => (
          <Card key={term.id} withBorder padding="md" data-testid="structure-term">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Title order={2} size="h4">
                {term.name}
              </Title>
              <Badge variant="light">
                {t('structure.weightage', { weightage: decimal(term.yearWeightage) })}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed" mb="xs">
              {t('structure.dates', {
                from: formatSchoolDate(term.startsOn),
                to: formatSchoolDate(term.endsOn),
              })}
            </Text>
            <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
              {term.assessments.map((a) => (
                <Group component="li" key={a.id} justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm">
                    {a.name} ({a.code})
                  </Text>
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {t('structure.assessmentWeight', { weightage: decimal(a.termWeightage) })}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <Title order={2} size="h4">
        {t('structure.scales')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {scales.map((scale) => (
          <Card key={scale.id} withBorder padding="sm">
            <Text fw={500} mb="xs">
              {scale.name}
            </Text>
            <Table aria-label={scale.name} verticalSpacing={2} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('structure.grade')}</Table.Th>
                  <Table.Th ta="right">{t('structure.range')}</Table.Th>
                  <Table.Th ta="right">{t('structure.gradePoint')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {scale.bands.map((band) => (
                  <Table.Tr key={band.grade}>
                    <Table.Td>{band.grade}</Table.Td>
                    <Table.Td ta="right">
                      {decimal(band.minPercent)}–{decimal(band.maxPercent)}
                    </Table.Td>
                    <Table.Td ta="right">{band.gradePoint ?? '–'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        ))}
      </SimpleGrid>
      {coScholasticAreas.length > 0 ? (
        <>
          <Title order={2} size="h4">
            {t('structure.coScholastic')}
          </Title>
          <Text size="sm">{coScholasticAreas.map((a) => a.name).join(' · ')}</Text>
        </>
      ) : null}
    </Stack>
  );
}
