import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import { AuthLayout } from '../routes/auth-layout';
import { redirectIfSignedIn, requireSession } from '../routes/loaders';
import { NotFoundRoute } from '../routes/not-found-route';
import { RouteErrorBoundary } from '../routes/route-error-boundary';
import { FullPageLoader } from './components/full-page-loader';

/**
 * The SPA's routes. Signed-out screens sit under AuthLayout; everything else sits under AppLayout, whose
 * loader sends visitors without a session to /login?next=<where they were going>. Unknown paths are
 * caught inside the signed-in shell, so a deep link never shows anything before signing in. Screens
 * beyond sign-in are lazy chunks, so the first load stays small.
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
        children: [
          {
            path: 'login',
            loader: redirectIfSignedIn,
            // A chunk of its own too, fetched while the loader restores the session: the signed-in
            // pages share the entry, and need neither the sign-in form nor react-hook-form in it.
            lazy: async () => ({ Component: (await import('../routes/login-route')).LoginRoute }),
          },
          {
            path: 'forgot-password',
            lazy: async () => ({
              Component: (await import('../routes/forgot-password-route')).ForgotPasswordRoute,
            }),
          },
          {
            path: 'reset-password',
            lazy: async () => ({
              Component: (await import('../routes/reset-password-route')).ResetPasswordRoute,
            }),
          },
          {
            path: 'accept-invitation',
            lazy: async () => ({
              Component: (await import('../routes/accept-invitation-route')).AcceptInvitationRoute,
            }),
          },
        ],
      },
      {
        // A school's public privacy page: no sign-in, outside both layouts.
        path: 'privacy-notice/:slug',
        lazy: async () => ({
          Component: (await import('../routes/public-privacy-notice-route')).PublicPrivacyNoticePage,
        }),
      },
      {
        id: 'signed-in',
        // The signed-in shell is a chunk of its own too: the sign-in page never loads it.
        lazy: async () => ({ Component: (await import('../routes/app-layout')).AppLayout }),
        loader: requireSession,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../routes/dashboard-route')).DashboardRoute }),
          },
          {
            path: 'account/*',
            lazy: async () => ({ Component: (await import('../routes/account-route')).AccountRoute }),
          },
          {
            path: 'users/*',
            lazy: async () => ({ Component: (await import('../routes/users-route')).UsersRoute }),
          },
          {
            path: 'roles/*',
            lazy: async () => ({ Component: (await import('../routes/roles-route')).RolesRoute }),
          },
          {
            path: 'audit/*',
            lazy: async () => ({ Component: (await import('../routes/audit-route')).AuditRoute }),
          },
          {
            path: 'platform/institutions/*',
            lazy: async () => ({
              Component: (await import('../routes/institutions-route')).InstitutionsRoute,
            }),
          },
          {
            path: 'students/*',
            lazy: async () => ({ Component: (await import('../routes/students-route')).StudentsRoute }),
          },
          {
            path: 'academics/*',
            lazy: async () => ({ Component: (await import('../routes/academics-route')).AcademicsRoute }),
          },
          {
            path: 'attendance/*',
            lazy: async () => ({ Component: (await import('../routes/attendance-route')).AttendanceRoute }),
          },
          {
            path: 'timetable',
            lazy: async () => ({ Component: (await import('../routes/timetable-route')).TimetableRoute }),
          },
          {
            path: 'calendar',
            lazy: async () => ({ Component: (await import('../routes/calendar-route')).CalendarRoute }),
          },
          {
            path: 'circulars',
            lazy: async () => ({ Component: (await import('../routes/circulars-route')).CircularsRoute }),
          },
          {
            path: 'fees/*',
            lazy: async () => ({ Component: (await import('../routes/fees-route')).FeesRoute }),
          },
          {
            path: 'notifications/*',
            lazy: async () => ({
              Component: (await import('../routes/notifications-route')).NotificationsRoute,
            }),
          },
          {
            path: 'exams/*',
            lazy: async () => ({
              Component: (await import('../features/exams/components/exams-page')).ExamsRoute,
            }),
          },
          {
            path: 'settings/*',
            lazy: async () => ({ Component: (await import('../routes/settings-route')).SettingsRoute }),
          },
          {
            path: 'privacy/*',
            lazy: async () => ({ Component: (await import('../routes/privacy-route')).PrivacyRoute }),
          },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
