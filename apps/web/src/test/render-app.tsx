import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { sessionStore } from '../app/api/session-store';
import { createI18n } from '../app/i18n';
import { AppProviders } from '../app/providers';
import { routes } from '../app/router';

/** Renders the whole SPA (real routes, providers and HTTP client) at `path`, like a fresh page load. */
export function renderApp(path = '/') {
  sessionStore.reset();
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchInterval: false }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  const view = render(
    <AppProviders queryClient={queryClient} i18n={createI18n()} mantineEnv="test">
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, user, queryClient };
}
