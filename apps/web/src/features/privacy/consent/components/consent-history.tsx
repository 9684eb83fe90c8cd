import { Button, List, Stack, Text } from '@mantine/core';
import type { StudentConsentEvent } from '@shala/contracts';
import { useState } from 'react';
import { formatDateTime } from '../../../../app/format';
import { useCurrentUser } from '../../../auth/hooks/current-user';
import { usePrivacyConsentText } from '../i18n';

/** Every grant and withdrawal, oldest first, with who and how (app, or paper form and its reference). */
export function ConsentHistory({ events }: { events: StudentConsentEvent[] }) {
  const t = usePrivacyConsentText();
  const timeZone = useCurrentUser().institution.timeZone;
  const [open, setOpen] = useState(false);
  return (
    <Stack gap={4}>
      <Button size="compact-sm" variant="subtle" w="fit-content" onClick={() => setOpen((o) => !o)}>
        {open ? t('history.hide') : t('history.show')}
      </Button>
      {open ? (
        events.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('history.empty')}
          </Text>
        ) : (
          <List size="sm" spacing={2} aria-label={t('history.title')}>
            {events.map((e) => (
              <List.Item key={e.id}>
                {t('history.entry', {
                  action: e.granted ? t('history.granted') : t('history.withdrawn'),
                  purpose: t(`purposes.${e.purpose}`),
                  how:
                    e.source === 'paper_form' && e.documentRef
                      ? `${t(`sources.${e.source}`)} (${t('history.reference', { ref: e.documentRef })})`
                      : t(`sources.${e.source}`),
                  guardian: e.guardianName ?? t('history.unknownGuardian'),
                  date: formatDateTime(e.recordedAt, timeZone),
                })}
              </List.Item>
            ))}
          </List>
        )
      ) : null}
    </Stack>
  );
}
