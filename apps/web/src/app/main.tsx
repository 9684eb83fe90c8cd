// Only the styles of what the sign-in page renders; the rest of Mantine's load with the pages that use
// them (app/styles/mantine-rest.ts: the signed-in shell and the other signed-out pages), the date
// pickers' with the shell (routes/app-layout.tsx), the toasts' with their host (app/notifications-host.tsx).
import './styles/mantine-sign-in';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { redirectIfSignedIn, requireSession } from '../routes/loaders';
import { restoreSession } from './api/client';
import { loadI18n } from './i18n';
import { detectLanguage, intlLocaleOf } from './i18n/language';
import { warmUpIntl } from './intl-warm-up';
import { AppProviders } from './providers';
import { createQueryClient } from './query-client';
import { createAppRouter } from './router';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// Intl's first-use cost is paid in a worker while the page's code and data load (intl-warm-up.ts).
warmUpIntl([intlLocaleOf(detectLanguage())]);

const queryClient = createQueryClient();
// Creating the router starts the first navigation, whose loader restores the session from the cookie.
const router = createAppRouter();
// That loader runs only once the page's lazy chunks have loaded. Ask for the new access token now, while
// they load: the loader then gets the same request's answer (restoreSession shares one request). The
// router has matched the address already; matching it again here (matchRoutes) cost 25-30 ms of the
// boot task in a trace without CPU slowdown.
if (
  router.state.matches.some(
    ({ route }) => route.loader === requireSession || route.loader === redirectIfSignedIn,
  )
) {
  void restoreSession();
}

// The first render waits for the language's strings (Hindi is fetched by import()), so no English flashes.
void loadI18n().then((i18n) => {
  // index.html's splash goes in the same task as the first render: no blank frame between them.
  container.replaceChildren();
  createRoot(container).render(
    <StrictMode>
      <AppProviders queryClient={queryClient} i18n={i18n}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
});
