import { SegmentedControl, Stack, Text } from '@mantine/core';
import type { PublishedPrivacyNotice } from '@shala/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../../app/format';
import { usePrivacyNoticeText } from '../i18n';
import { NoticeText } from './notice-text';

/**
 * A published notice: its text in English or Hindi (starting with the reader's language when the school
 * wrote one), its version and date, and whom to contact.
 */
export function NoticeReader({
  notice,
  timeZone,
}: {
  notice: Pick<PublishedPrivacyNotice, 'version' | 'bodyEn' | 'bodyHi' | 'contact'> & {
    publishedAt: string | null;
  };
  timeZone?: string;
}) {
  const t = usePrivacyNoticeText();
  const { i18n } = useTranslation();
  const [lang, setLang] = useState<'en' | 'hi'>(i18n.language === 'hi' && notice.bodyHi ? 'hi' : 'en');
  const showing = lang === 'hi' && notice.bodyHi ? 'hi' : 'en';
  return (
    <Stack gap="md">
      {notice.bodyHi ? (
        <SegmentedControl
          aria-label={t('reader.language')}
          value={showing}
          onChange={(v) => setLang(v as 'en' | 'hi')}
          data={[
            { value: 'en', label: t('reader.english') },
            { value: 'hi', label: t('reader.hindi') },
          ]}
          w="fit-content"
        />
      ) : null}
      <NoticeText source={showing === 'hi' ? notice.bodyHi! : notice.bodyEn} lang={showing} />
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          {t('reader.contact')}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
          {notice.contact}
        </Text>
      </Stack>
      {notice.publishedAt ? (
        <Text size="xs" c="dimmed">
          {t('reader.version', { version: notice.version, date: formatDate(notice.publishedAt, timeZone) })}
        </Text>
      ) : null}
    </Stack>
  );
}
