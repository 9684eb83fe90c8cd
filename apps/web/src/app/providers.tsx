import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { lazy, Suspense, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { SessionProvider } from '../features/auth/components/session-provider';
import { cssVariablesResolver, theme } from './theme';

// Toasts are never part of a page's first screen: their code and styles load just after it (issue 18).
const NotificationsHost = lazy(() => import('./notifications-host'));

interface AppProvidersProps {
  queryClient: QueryClient;
  i18n: I18n;
  /** 'test' turns off Mantine's transitions and portals (unit tests). */
  mantineEnv?: 'default' | 'test';
  children: ReactNode;
}

/** Everything the routes need around them. Tests render the same providers with their own clients. */
export function AppProviders({ queryClient, i18n, mantineEnv = 'default', children }: AppProvidersProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider
        theme={theme}
        cssVariablesResolver={cssVariablesResolver}
        defaultColorScheme="light"
        env={mantineEnv}
      >
        <Suspense fallback={null}>
          <NotificationsHost />
        </Suspense>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            {/* The boundary React 19 has at the root: a screen that suspends (react-i18next while a
                language's strings load) shows nothing until it can render. Preact (preact-alias.ts) needs
                it here, or the router's error boundary above the screen would catch the promise. */}
            <Suspense fallback={null}>{children}</Suspense>
          </SessionProvider>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
