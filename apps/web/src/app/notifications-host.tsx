import '@mantine/core/styles/Notification.css';
import '@mantine/notifications/styles.css';
import { MantineThemeProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';

/**
 * Where toasts appear. A chunk of its own, loaded after the first render (providers.tsx): the sign-in
 * page shows none, and what `notifications.show()` sends before this mounts waits in Mantine's store.
 * Each toast's close button is named (a keyboard user reaches it; Mantine leaves it unlabelled).
 */
export default function NotificationsHost() {
  const { t } = useTranslation();
  return (
    <MantineThemeProvider
      theme={{
        components: {
          Notification: { defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } },
        },
      }}
    >
      <Notifications position="top-right" limit={3} />
    </MantineThemeProvider>
  );
}
