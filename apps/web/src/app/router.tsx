import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import { AppLayout } from '../routes/app-layout';
import { AuthLayout } from '../routes/auth-layout';
import { redirectIfSignedIn, requireSession } from '../routes/loaders';
import { LoginRoute } from '../routes/login-route';
import { NotFoundRoute } from '../routes/not-found-route';
import { RouteErrorBoundary } from '../routes/route-error-boundary';
import { SectionPlaceholderRoute } from '../routes/section-placeholder-route';
import { FullPageLoader } from './components/full-page-loader';

/**
 * The SPA's routes. Signed-out screens sit under AuthLayout; everything else sits under AppLayout, whose
 * loader sends visitors without a session to /login?next=<where they were going>. Unknown paths are
 * caught inside the signed-in shell, so a deep link never shows anything before signing in.
 */
export const routes: RouteObject[] = [
  {
    id: 'root',
    element: <Outlet />,
    errorElement: <RouteErrorBoundary />,
    HydrateFallback: FullPageLoader,
    children: [
      {
        element: <AuthLayout />,
        children: [{ path: 'login', loader: redirectIfSignedIn, element: <LoginRoute /> }],
      },
      {
        id: 'signed-in',
        element: <AppLayout />,
        loader: requireSession,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../routes/dashboard-route')).DashboardRoute }),
          },
          { path: 'students/*', element: <SectionPlaceholderRoute section="students" /> },
          { path: 'attendance/*', element: <SectionPlaceholderRoute section="attendance" /> },
          { path: 'fees/*', element: <SectionPlaceholderRoute section="fees" /> },
          { path: 'exams/*', element: <SectionPlaceholderRoute section="exams" /> },
          { path: 'audit/*', element: <SectionPlaceholderRoute section="audit" /> },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
