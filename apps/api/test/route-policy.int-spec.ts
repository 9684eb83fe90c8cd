import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscoveredRoute, discoverRoutes } from './support/routes';
import { TestApp, bootTestApp } from './support/test-app';

/** AZ-01: deny by default. Every route of the running app declares a permission or is explicitly public. */
describe('route policies', () => {
  let t: TestApp;
  let routes: DiscoveredRoute[];
  beforeAll(async () => {
    t = await bootTestApp();
    routes = discoverRoutes(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the routes of the running app', () => {
    expect(routes.map((r) => r.route)).toEqual(
      expect.arrayContaining(['GET /api/health/live', 'POST /api/v1/auth/login', 'GET /api/v1/me']),
    );
  });

  it('[AZ-01] has no route without @RequirePermission, @Authenticated or @Public', () => {
    expect(routes.filter((r) => r.policy === null).map((r) => r.handler)).toEqual([]);
  });

  it('[AZ-01] keeps public routes to health, sign-in, credential recovery, signed provider webhooks and read-only public pages', () => {
    const publicRoutes = routes
      .filter((r) => r.policy === 'public' && !r.handler.startsWith('ProbeController'))
      .map((r) => r.route);
    // Provider webhooks (/api/v1/<module>/webhooks/...) are public but verify a signature (APP-07).
    // GET /api/v1/public/... pages are read-only and carry no personal data (the privacy notice page).
    // GET /api/v1/calendar/feed/{token}.ics: a school's whole-school events behind a revocable secret URL.
    for (const route of publicRoutes)
      expect(route).toMatch(
        /^(GET \/api\/health\/|POST \/api\/v1\/auth\/|(GET|POST) \/api\/v1\/[a-z]+\/webhooks\/|GET \/api\/v1\/public\/|GET \/api\/v1\/calendar\/feed\/:token\.ics$)/,
      );
  });
});
