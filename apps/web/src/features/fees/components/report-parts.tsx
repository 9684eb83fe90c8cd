import { Button, Center, Loader } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../app/components/confirm-modal';

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

/**
 * A button that runs an idempotent batch (invoicing a class, the daily job) after a confirmation, then
 * shows what the run did. A failed run keeps the dialog open with the API's error.
 */
export function ConfirmedRun<R>(props: {
  label: string;
  icon?: ReactNode;
  variant?: string;
  confirmTitle: string;
  confirmBody: string;
  confirmLabel: string;
  errorTitle: string;
  mutation: { isPending: boolean; error: unknown; reset: () => void };
  start: (done: (result: R) => void) => void;
  renderResult: (result: R) => ReactNode;
}) {
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<R | null>(null);
  const { mutation } = props;
  return (
    <>
      <Button
        w="fit-content"
        variant={props.variant}
        leftSection={props.icon}
        onClick={() => setConfirming(true)}
      >
        {props.label}
      </Button>
      {result === null ? null : props.renderResult(result)}
      <ConfirmModal
        opened={confirming}
        color="blue"
        title={props.confirmTitle}
        confirmLabel={props.confirmLabel}
        loading={mutation.isPending}
        error={mutation.error}
        errorTitle={props.errorTitle}
        onClose={() => {
          setConfirming(false);
          mutation.reset();
        }}
        onConfirm={() => {
          if (mutation.isPending) return;
          props.start((answer) => {
            setResult(answer);
            setConfirming(false);
          });
        }}
      >
        {props.confirmBody}
      </ConfirmModal>
    </>
  );
}
