import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from './api-error-alert';

interface ConfirmModalProps {
  opened: boolean;
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  confirmLabel: string;
  /** Red for actions that take something away (sign out, deactivate, delete). */
  color?: string;
  loading?: boolean;
  /** The failed attempt, shown above the buttons (the modal stays open). */
  error?: unknown;
  errorTitle?: string;
  onConfirm: () => void;
  onClose: () => void;
}

/** Asks before a destructive action. Cancel has the focus first, so Enter never confirms by accident. */
export function ConfirmModal(props: ConfirmModalProps) {
  const {
    opened,
    title,
    children,
    confirmLabel,
    color = 'red',
    loading,
    error,
    errorTitle,
    onConfirm,
    onClose,
  } = props;
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
        {error ? <ApiErrorAlert error={error} title={errorTitle} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color={color} onClick={onConfirm} loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
