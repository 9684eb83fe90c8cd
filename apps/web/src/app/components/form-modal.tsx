import { Button, Group, Modal, Stack, type MantineColor, type ModalProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from './api-error-alert';

interface FormModalProps {
  opened?: boolean;
  onClose: () => void;
  title: ReactNode;
  size?: ModalProps['size'];
  /** The form's submit handler, usually react-hook-form's handleSubmit(...). */
  onSubmit: (event: FormEvent<HTMLFormElement>) => void | Promise<void>;
  submitLabel: ReactNode;
  submitColor?: MantineColor;
  /** True while the request runs: the submit button spins. */
  busy: boolean;
  /** A failed request's error, shown above the fields (field errors go next to their fields). */
  error?: unknown;
  errorTitle?: string;
  /** What stands above the error and the fields, such as a sentence saying what happens. */
  intro?: ReactNode;
  children: ReactNode;
}

/** A centred modal holding one form: intro, the request's error, the fields, then Cancel and submit. */
export function FormModal(props: FormModalProps) {
  const { opened = true, onClose, title, size, onSubmit, submitLabel, submitColor, busy } = props;
  const { error, errorTitle, intro, children } = props;
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      size={size}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Stack gap="md">
          {intro}
          {error ? <ApiErrorAlert error={error} title={errorTitle} /> : null}
          {children}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={submitColor} loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
