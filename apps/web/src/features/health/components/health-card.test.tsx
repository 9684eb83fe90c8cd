import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { givenSignedIn, operatorMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';

let api: FakeApi;

beforeEach(() => {
  // System status is the operator's only (the role dashboards, issue 14).
  api = givenSignedIn(installFakeApi(), operatorMe).on('GET /api/v1/dashboard/operator', {
    status: 200,
    body: { system: { status: 'ok', checks: {} }, schools: [] },
  });
});
afterEach(() => api.uninstall());

async function statusCard() {
  return screen.findByRole('region', { name: 'System status' });
}

describe('API health on the dashboard', () => {
  it('shows that all systems are up', async () => {
    api.on('GET /api/health/ready', {
      status: 200,
      body: { status: 'ok', checks: { database: 'up', redis: 'not_configured' } },
    });
    renderApp('/');

    const card = await statusCard();
    expect(await within(card).findByText('All systems operational')).toBeInTheDocument();
    expect(within(card).getByText('database: Up')).toBeInTheDocument();
    expect(within(card).getByText('redis: Not configured')).toBeInTheDocument();
  });

  it('shows which dependency is down when readiness answers 503', async () => {
    api.on('GET /api/health/ready', {
      status: 503,
      body: { status: 'unavailable', checks: { database: 'down' } },
    });
    renderApp('/');

    const card = await statusCard();
    expect(await within(card).findByText('Some services are unavailable')).toBeInTheDocument();
    expect(within(card).getByText('database: Down')).toBeInTheDocument();
  });

  it('shows the error envelope when the health endpoint fails', async () => {
    api.on('GET /api/health/ready', envelope(429, 'THROTTLED', 'Too many requests. Try again in a minute.'));
    renderApp('/');

    const card = await statusCard();
    expect(await within(card).findByText('Too many requests. Try again in a minute.')).toBeInTheDocument();
  });
});
