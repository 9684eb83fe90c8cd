import { Alert, Anchor, Button, FileInput, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Permission } from '@shala/contracts';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCircleCheck,
  IconDownload,
  IconFileSpreadsheet,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { PageHeader } from '../../../app/components/page-header';
import { toApiProblem } from '../../../app/api/errors';
import { useCan } from '../../auth/hooks/current-user';
import type { ImportProblem, ImportReport } from '@shala/contracts';
import { useImportStudents, useImportTemplate } from '../hooks/use-students';
import { useStudentsText } from '../i18n';

function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsText(file);
  });
}

/** CSV import: choose a file, dry run with a row-by-row report, then import all or nothing. */
export function ImportPanel() {
  const t = useStudentsText();
  const canImport = useCan(Permission.StudentsImport);
  const template = useImportTemplate();
  const importer = useImportStudents();
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [rejected, setRejected] = useState<ImportProblem[] | null>(null);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setReport(null);
    setResult(null);
    setRejected(null);
    importer.reset();
    setCsv(chosen ? await readText(chosen) : null);
  };

  const dryRun = () => {
    if (csv === null) return;
    setResult(null);
    setRejected(null);
    importer.mutate({ csv, dryRun: true }, { onSuccess: setReport });
  };

  const run = () => {
    if (csv === null) return;
    importer.mutate(
      { csv, dryRun: false },
      {
        onSuccess: (answer) => {
          setResult(answer);
          setReport(null);
        },
        onError: (error) => {
          const problem = toApiProblem(error);
          if (problem.code === 'IMPORT_REJECTED') {
            setRejected(
              problem.details.map((detail) => {
                const extra = detail as { row?: number; column?: string };
                return {
                  row: extra.row ?? 0,
                  column: extra.column ?? detail.field ?? '',
                  message: detail.message,
                };
              }),
            );
          }
        },
      },
    );
  };

  const problems = rejected ?? report?.errors ?? [];
  const unhandledError = importer.isError && rejected === null;

  return (
    <Stack gap="md" maw={880}>
      <Anchor component={Link} to="/students" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('actions.back')}
        </Group>
      </Anchor>
      <PageHeader
        title={t('import.title')}
        intro={t('import.intro')}
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            loading={template.isPending}
            onClick={() => template.mutate()}
            disabled={!canImport}
          >
            {t('import.template')}
          </Button>
        }
      />
      {template.isError ? <ApiErrorAlert error={template.error} /> : null}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <FileInput
          label={t('import.file')}
          placeholder={t('import.filePlaceholder')}
          accept=".csv,text/csv"
          value={file}
          onChange={(chosen) => void choose(chosen)}
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
          clearable
          style={{ flex: '1 1 16rem' }}
          data-testid="import-file"
        />
        <Button
          onClick={dryRun}
          disabled={csv === null || !canImport}
          loading={importer.isPending && importer.variables?.dryRun}
        >
          {t('import.dryRun')}
        </Button>
      </Group>
      {csv === null && !result ? <Text c="dimmed">{t('import.chooseFirst')}</Text> : null}
      {unhandledError ? <ApiErrorAlert error={importer.error} /> : null}

      {report ? (
        <Stack gap="sm" component="section" aria-labelledby="dry-run-report">
          <Title order={2} size="h4" id="dry-run-report">
            {t('import.report')}
          </Title>
          <Text fw={600} data-testid="import-counts">
            {t('import.counts', { ...report, errors: report.errors.length })}
          </Text>
          {report.errors.length === 0 ? (
            <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />}>
              <Stack gap="sm">
                <Text size="sm">{t('import.clean')}</Text>
                <Button
                  w="fit-content"
                  onClick={run}
                  loading={importer.isPending && importer.variables?.dryRun === false}
                >
                  {t('import.run', { rows: report.rows })}
                </Button>
              </Stack>
            </Alert>
          ) : null}
        </Stack>
      ) : null}

      {rejected ? (
        <Alert
          color="red"
          variant="light"
          title={t('import.rejected')}
          icon={<IconAlertTriangle aria-hidden />}
        >
          {toApiProblem(importer.error).message}
        </Alert>
      ) : null}

      {problems.length > 0 ? (
        <Stack gap="xs">
          <Text fw={600} c="red">
            {t('import.problemsTitle')}
          </Text>
          <Table.ScrollContainer minWidth={320}>
            <Table striped aria-label={t('import.problemsTable')} data-testid="import-problems">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.row')}</Table.Th>
                  <Table.Th>{t('import.column')}</Table.Th>
                  <Table.Th>{t('import.message')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {problems.map((problem, index) => (
                  <Table.Tr key={`${problem.row}-${problem.column}-${index}`}>
                    <Table.Td>{problem.row}</Table.Td>
                    <Table.Td>{problem.column}</Table.Td>
                    <Table.Td>{problem.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ) : null}

      {result ? (
        <Alert
          color="green"
          variant="light"
          title={t('import.doneTitle')}
          icon={<IconCircleCheck aria-hidden />}
          role="status"
          data-testid="import-result"
        >
          <Stack gap="sm">
            <Text size="sm">{t('import.done', { ...result })}</Text>
            <Button component={Link} to="/students" variant="light" w="fit-content">
              {t('import.view')}
            </Button>
          </Stack>
        </Alert>
      ) : null}
    </Stack>
  );
}
