// Only the styles of what the sign-in page renders; the rest of Mantine's load with the pages that use
// them (app/styles/mantine-rest.ts: the signed-in shell and the other signed-out pages), the date
// pickers' with the shell (routes/app-layout.tsx), the toasts' with their host (app/notifications-host.tsx).
import './styles/mantine-sign-in';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { loadI18n } from './i18n';
import { AppProviders } from './providers';
import { createQueryClient } from './query-client';
import { createAppRouter } from './router';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const queryClient = createQueryClient();
// Creating the router starts the first navigation, whose loader restores the session from the cookie.
const router = createAppRouter();

// The first render waits for the language's strings (Hindi is fetched by import()), so no English flashes.
void loadI18n().then((i18n) =>
  createRoot(container).render(
    <StrictMode>
      <AppProviders queryClient={queryClient} i18n={i18n}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  ),
);
