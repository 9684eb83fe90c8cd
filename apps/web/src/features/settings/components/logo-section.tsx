import { Button, FileButton, Group, Image, Stack, Text } from '@mantine/core';
import { INSTITUTION_LOGO_MAX_BYTES, type InstitutionProfile } from '@shala/contracts';
import { useState } from 'react';
import { ApiErrorAlert } from '../../../app/components/api-error-alert';
import { useLogoUrl, useRemoveLogo, useUploadLogo } from '../hooks/use-settings';
import { useSettingsText } from '../i18n';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

/** The logo: a preview with its size, upload (PNG/JPEG, 256 KB, checked here and by the API) and remove. */
export function LogoSection({ current }: { current: InstitutionProfile }) {
  const t = useSettingsText();
  const upload = useUploadLogo();
  const remove = useRemoveLogo();
  const url = useLogoUrl(current.logo?.etag);
  const [notice, setNotice] = useState<Notice>(null);

  const choose = (file: File | null) => {
    setNotice(null);
    upload.reset();
    remove.reset();
    if (!file) return;
    if (file.type !== 'image/png' && file.type !== 'image/jpeg')
      return setNotice({ kind: 'error', text: t('logo.wrongType') });
    if (file.size > INSTITUTION_LOGO_MAX_BYTES) return setNotice({ kind: 'error', text: t('logo.tooBig') });
    upload.mutate(file, { onSuccess: () => setNotice({ kind: 'ok', text: t('logo.uploaded') }) });
  };
  const drop = () => {
    setNotice(null);
    upload.reset();
    remove.mutate(undefined, { onSuccess: () => setNotice({ kind: 'ok', text: t('logo.removed') }) });
  };
  const failed = upload.error ?? remove.error;

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('logo.help')}
      </Text>
      <Group gap="md" align="center" wrap="wrap">
        {current.logo ? (
          <>
            {url ? (
              <Image
                src={url}
                alt={t('logo.preview', { name: current.name })}
                w={72}
                h={72}
                fit="contain"
                radius="sm"
                data-testid="logo-preview"
              />
            ) : (
              <div style={{ width: 72, height: 72 }} aria-hidden />
            )}
            <Text size="sm" c="dimmed">
              {t('logo.size', {
                width: current.logo.width,
                height: current.logo.height,
                kb: Math.max(1, Math.round(current.logo.bytes / 1024)),
              })}
            </Text>
          </>
        ) : (
          <Text size="sm">{t('logo.none')}</Text>
        )}
      </Group>
      {failed ? <ApiErrorAlert error={failed} /> : null}
      {notice ? (
        <Text c={notice.kind === 'ok' ? 'green' : 'red'} role={notice.kind === 'ok' ? 'status' : 'alert'}>
          {notice.text}
        </Text>
      ) : null}
      <Group gap="sm">
        <FileButton onChange={choose} accept="image/png,image/jpeg">
          {(props) => (
            <Button {...props} loading={upload.isPending}>
              {current.logo ? t('logo.replace') : t('logo.upload')}
            </Button>
          )}
        </FileButton>
        {current.logo ? (
          <Button variant="light" color="red" onClick={drop} loading={remove.isPending}>
            {t('logo.remove')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
