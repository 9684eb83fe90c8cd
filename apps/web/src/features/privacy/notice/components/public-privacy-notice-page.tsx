import {
  Alert,
  Anchor,
  Badge,
  Center,
  Container,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../../app/api/http';
import { ApiErrorAlert } from '../../../../app/components/api-error-alert';
import { Logo } from '../../../../app/components/logo';
import { ResponsiveList } from '../../../../app/components/responsive-list';
import { usePublicPrivacyPage } from '../hooks/use-privacy-notice';
import { usePrivacyNoticeText } from '../i18n';
import { NoticeReader } from './notice-reader';

/**
 * /privacy-notice/:slug, for anyone (no sign-in): a school's privacy notice in force, its records of
 * processing and its service providers. One column, readable on a phone.
 */
export function PublicPrivacyNoticePage() {
  const t = usePrivacyNoticeText();
  const { slug = '' } = useParams();
  const page = usePublicPrivacyPage(slug);
  const school = page.data?.school.name;
  useEffect(() => {
    if (school) document.title = t('public.title', { school });
  }, [school, t]);

  return (
    <Container size="md" py="lg" px="sm">
      <Stack gap="lg">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Logo />
          <Anchor component={Link} to="/login" size="sm">
            {t('public.signIn')}
          </Anchor>
        </Group>
        {page.isPending ? (
          <Center py="xl" role="status">
            <Loader />
          </Center>
        ) : page.isError ? (
          isApiError(page.error) && page.error.response?.status === 404 ? (
            <Alert color="gray">{t('public.notFound')}</Alert>
          ) : (
            <ApiErrorAlert error={page.error} />
          )
        ) : (
          <>
            <Title order={1} size="h2">
              {t('public.title', { school: page.data.school.name })}
            </Title>
            <Paper withBorder p="md">
              {page.data.notice ? (
                <NoticeReader notice={page.data.notice} />
              ) : (
                <Text size="sm">{t('public.noNotice')}</Text>
              )}
            </Paper>
            <Stack gap="xs">
              <Title order={2} size="h3">
                {t('public.subProcessors')}
              </Title>
              <ResponsiveList
                label={t('public.subProcessors')}
                rows={page.data.subProcessors.items}
                rowKey={(s) => s.service}
                minWidth={640}
                columns={[
                  { key: 'name', header: t('public.provider'), cell: (s) => s.name },
                  { key: 'purpose', header: t('public.purpose'), cell: (s) => s.purpose },
                  { key: 'location', header: t('public.location'), cell: (s) => s.location },
                  {
                    key: 'configured',
                    header: t('public.status'),
                    cell: (s) => (
                      <Badge variant="light" color={s.configured ? 'green' : 'gray'}>
                        {s.configured ? t('public.inUse') : t('public.notInUse')}
                      </Badge>
                    ),
                  },
                ]}
                card={(s) => (
                  <Stack gap={2}>
                    <Group justify="space-between" wrap="wrap" gap="xs">
                      <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                        {s.name}
                      </Text>
                      <Badge variant="light" color={s.configured ? 'green' : 'gray'}>
                        {s.configured ? t('public.inUse') : t('public.notInUse')}
                      </Badge>
                    </Group>
                    <Text size="sm">{s.purpose}</Text>
                    <Text size="xs" c="dimmed">
                      {s.location}
                    </Text>
                  </Stack>
                )}
              />
            </Stack>
            <Stack gap="xs">
              <Title order={2} size="h3">
                {t('public.processing')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('public.processingIntro')}
              </Text>
              <Stack gap="xs" data-testid="processing-activities">
                {page.data.recordsOfProcessing.activities.map((a) => (
                  <Paper key={a.table} withBorder p="sm">
                    <Stack gap={2}>
                      <Text size="sm" fw={500}>
                        {a.purpose}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {a.dataCategories.join(', ')} · {t('public.retention')}: {a.retention}
                      </Text>
                    </Stack>
                  </Paper>
                ))}
              </Stack>
            </Stack>
          </>
        )}
      </Stack>
    </Container>
  );
}
