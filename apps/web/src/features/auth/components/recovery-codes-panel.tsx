// A lazy step of the sign-in page (sign-in-flow.tsx): it renders more of Mantine than the entry styles.
import '../../../app/styles/mantine-rest';
import { Alert, Button, Checkbox, CopyButton, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload, IconLifebuoy } from '@tabler/icons-react';
import { useState } from 'react';
import { useAuthText } from '../i18n';
import { saveFile } from '../../../app/files';

interface RecoveryCodesPanelProps {
  codes: string[];
  /** Whose codes they are, written into the downloaded file. */
  email: string;
  doneLabel: string;
  onDone: () => void;
}

/**
 * AUT-06: the recovery codes, shown once. The user copies or downloads them and must tick that they have
 * saved them before going on; nothing keeps them after this screen.
 */
export function RecoveryCodesPanel({ codes, email, doneLabel, onDone }: RecoveryCodesPanelProps) {
  const t = useAuthText();
  const [saved, setSaved] = useState(false);
  const text = codes.join('\n');

  const download = () => {
    const lines = [
      t('recoveryCodes.fileTitle'),
      t('recoveryCodes.fileAccount', { email }),
      t('recoveryCodes.fileCreated', { date: new Date().toISOString().slice(0, 10) }),
      t('recoveryCodes.fileHint'),
      '',
      ...codes,
      '',
    ];
    saveFile(new Blob([lines.join('\n')], { type: 'text/plain;charset=utf-8' }), t('recoveryCodes.fileName'));
  };

  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" icon={<IconLifebuoy aria-hidden />}>
        <Text size="sm">{t('recoveryCodes.body')}</Text>
      </Alert>
      <SimpleGrid
        component="ol"
        cols={2}
        spacing="xs"
        verticalSpacing={6}
        aria-label={t('recoveryCodes.listLabel')}
        data-testid="recovery-codes"
        m={0}
        p="sm"
        style={{
          listStyle: 'none',
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-md)',
          fontFamily: 'var(--mantine-font-family-monospace)',
        }}
      >
        {codes.map((code) => (
          <Text component="li" key={code} fz="sm" ta="center" ff="monospace">
            {code}
          </Text>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              onClick={copy}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            >
              {copied ? t('recoveryCodes.copied') : t('recoveryCodes.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={download} leftSection={<IconDownload size={16} aria-hidden />}>
          {t('recoveryCodes.download')}
        </Button>
      </SimpleGrid>
      <Checkbox
        checked={saved}
        onChange={(event) => setSaved(event.currentTarget.checked)}
        label={t('recoveryCodes.acknowledge')}
      />
      <Button size="md" fullWidth disabled={!saved} onClick={onDone}>
        {doneLabel}
      </Button>
    </Stack>
  );
}
