import { Alert, Button, Card, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { ConfirmModal } from '../../../app/components/confirm-modal';
import { formatDateTime } from '../../../app/format';
import { useCurrentUser } from '../../auth/hooks/current-user';
import { useCalendarFeed, useIssueCalendarFeed, useRevokeCalendarFeed } from '../api/calendar.api';
import { useCalendarText } from '../i18n';

/** The admin's controls for the school's iCalendar feed: create, rotate (with the new link shown once), revoke. */
export function FeedPanel() {
  const t = useCalendarText();
  const timeZone = useCurrentUser().institution.timeZone;
  const feed = useCalendarFeed(true);
  const issue = useIssueCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [link, setLink] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'rotate' | 'revoke' | null>(null);
  const active = feed.data?.active ?? false;
  const doIssue = () =>
    issue.mutate(undefined, {
      onSuccess: (made) => {
        setLink(made.path ? `${window.location.origin}${made.path}` : null);
        setConfirm(null);
      },
    });
  return (
    <Card withBorder component="section" aria-labelledby="calendar-feed-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="calendar-feed-title">
          {t('feed.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('feed.intro')}
        </Text>
        {feed.error ? <ApiErrorAlert error={feed.error} /> : null}
        {issue.error && !confirm ? <ApiErrorAlert error={issue.error} /> : null}
        <Text size="sm" data-testid="calendar-feed-status">
          {active ? t('feed.on', { date: formatDateTime(feed.data?.createdAt, timeZone) }) : t('feed.off')}
        </Text>
        {link ? (
          <Alert color="yellow" role="status" title={t('feed.newLink')}>
            <Group gap="xs" align="flex-end" wrap="wrap">
              <TextInput
                label={t('feed.link')}
                value={link}
                readOnly
                style={{ flex: '1 1 16rem' }}
                onFocus={(e) => e.currentTarget.select()}
                data-testid="calendar-feed-link"
              />
              <CopyButton value={link}>
                {({ copied, copy }) => (
                  <Button variant="light" onClick={copy}>
                    {copied ? t('feed.copied') : t('feed.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        ) : null}
        <Group gap="xs">
          {active ? (
            <>
              <Button variant="default" onClick={() => setConfirm('rotate')}>
                {t('feed.rotate')}
              </Button>
              <Button variant="light" color="red" onClick={() => setConfirm('revoke')}>
                {t('feed.revoke')}
              </Button>
            </>
          ) : (
            <Button onClick={doIssue} loading={issue.isPending}>
              {t('feed.create')}
            </Button>
          )}
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirm === 'rotate'}
        title={t('feed.rotateTitle')}
        confirmLabel={t('feed.rotate')}
        color="orange"
        loading={issue.isPending}
        error={issue.error}
        onConfirm={doIssue}
        onClose={() => setConfirm(null)}
      >
        {t('feed.rotateBody')}
      </ConfirmModal>
      <ConfirmModal
        opened={confirm === 'revoke'}
        title={t('feed.revokeTitle')}
        confirmLabel={t('feed.revoke')}
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() =>
          revoke.mutate(undefined, {
            onSuccess: () => {
              setLink(null);
              setConfirm(null);
            },
          })
        }
        onClose={() => setConfirm(null)}
      >
        {t('feed.revokeBody')}
      </ConfirmModal>
    </Card>
  );
}
