import { Button, Center, Loader } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A report still loading. */
export function Waiting() {
  const { t } = useTranslation();
  return (
    <Center py="md" role="status">
      <Loader size="sm" aria-label={t('common.loading')} />
    </Center>
  );
}

/** The CSV export button of a report (the API builds the file from the same filters). */
export function ExportButton({
  label,
  loading,
  onClick,
  disabled,
}: {
  label: string;
  loading: boolean;
  onClick: () => void;
  disabled?: boolean;
}) {
  return (
    <Button
      variant="default"
      leftSection={<IconDownload size={16} aria-hidden />}
      loading={loading}
      onClick={onClick}
      disabled={disabled}
    >
      {label}
    </Button>
  );
}
