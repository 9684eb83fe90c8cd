import { DEFAULT_ROLE_PERMISSIONS, DefaultRole } from '@shala/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blobText, captureDownloads } from '../../../test/downloads';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { givenSignedIn, meWith, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import type { StudentDues } from '@shala/contracts';
import { testPayment } from './test-payment';

const parentMe = meWith([...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Parent]], {
  ...teacherMe,
  roles: [DefaultRole.Parent],
  user: { ...teacherMe.user, email: 'parent@greenwood.test', displayName: 'Ravi Kumar' },
});
const studentMe = meWith([...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Student]], {
  ...teacherMe,
  roles: [DefaultRole.Student],
  user: { ...teacherMe.user, email: 'student@greenwood.test', displayName: 'Anu Kumar' },
});
const accountantMe = meWith([...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Accountant]], {
  ...teacherMe,
  roles: [DefaultRole.Accountant],
});

const ANU = '0190a1b2-0000-7000-8000-0000000a0001';
const VIK = '0190a1b2-0000-7000-8000-0000000a0002';

function dues(studentId: string, fullName: string, outstanding: number): StudentDues {
  return {
    studentId,
    fullName,
    admissionNo: `GW-${studentId.slice(-4)}`,
    currency: 'INR',
    outstanding,
    overdue: 0,
    invoices: [
      {
        id: `inv-${studentId}`,
        studentId,
        label: 'Term 1 2026-27',
        dueDate: '2026-04-30',
        currency: 'INR',
        charged: outstanding,
        concession: 0,
        fine: 0,
        paid: 0,
        outstanding,
        status: 'due',
        overdue: false,
        lines: [],
      },
    ],
  };
}

const payment = testPayment(ANU, 'online');

let api: FakeApi;
afterEach(() => {
  api.uninstall();
  vi.restoreAllMocks();
});

describe('a parent on the fees page', () => {
  beforeEach(() => {
    api = givenSignedIn(installFakeApi(), parentMe)
      .on('GET /api/v1/fees/family', {
        status: 200,
        body: {
          items: [dues(ANU, 'Anu Kumar', 1250050), dues(VIK, 'Vikram Kumar', 900000)],
          currency: 'INR',
        },
      })
      .on(`GET /api/v1/fees/students/${ANU}/payments`, { status: 200, body: { items: [payment] } })
      .on(`GET /api/v1/fees/students/${VIK}/payments`, { status: 200, body: { items: [] } });
  });

  it("shows each child's dues with the currency", async () => {
    renderApp('/fees');
    const anu = await screen.findByRole('region', { name: 'Anu Kumar' });
    expect(within(anu).getByTestId('child-outstanding')).toHaveTextContent('₹12,500.50');
    const vikram = screen.getByRole('region', { name: 'Vikram Kumar' });
    expect(within(vikram).getByTestId('child-outstanding')).toHaveTextContent('₹9,000.00');
    expect(within(vikram).getByText('Due 30 Apr 2026')).toBeInTheDocument();
    expect(await within(vikram).findByText(/No payments yet/)).toBeInTheDocument();
  });

  it('pays part of the dues online after confirming', async () => {
    api
      .on(`POST /api/v1/fees/students/${VIK}/online-orders`, (request) => ({
        status: 201,
        body: {
          id: 'ord-1',
          studentId: VIK,
          amount: (request.body as { amount: number }).amount,
          currency: 'INR',
          provider: 'sandbox',
          providerOrderId: 'sb_1',
          status: 'created',
          paymentId: null,
          checkout: {
            provider: 'sandbox',
            order_id: 'sb_1',
            sandboxCheckout: '/api/v1/fees/online-orders/ord-1/sandbox-checkout',
          },
        },
      }))
      .on('POST /api/v1/fees/online-orders/ord-1/sandbox-checkout', {
        status: 200,
        body: {
          id: 'ord-1',
          studentId: VIK,
          amount: 250000,
          currency: 'INR',
          provider: 'sandbox',
          providerOrderId: 'sb_1',
          status: 'paid',
          paymentId: 'pay-2',
        },
      });
    const { user } = renderApp('/fees');
    await user.click(await screen.findByRole('button', { name: 'Pay online for Vikram Kumar' }));
    const amount = await screen.findByRole('textbox', { name: /Amount \(INR\)/ });
    await user.clear(amount);
    await user.type(amount, '2500');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pay ₹2,500.00?' });
    expect(api.requestsTo(`POST /api/v1/fees/students/${VIK}/online-orders`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Pay now' }));
    await waitFor(() =>
      expect(api.requestsTo('POST /api/v1/fees/online-orders/ord-1/sandbox-checkout')).toHaveLength(1),
    );
    expect(api.requestsTo(`POST /api/v1/fees/students/${VIK}/online-orders`)[0]?.body).toEqual({
      amount: 250000,
    });
    expect(await screen.findByText('Payment received')).toBeInTheDocument();
  });

  it('completes no sandbox checkout when the API does not offer the sandbox for the order', async () => {
    api.on(`POST /api/v1/fees/students/${VIK}/online-orders`, {
      status: 201,
      body: {
        id: 'ord-2',
        studentId: VIK,
        amount: 900000,
        currency: 'INR',
        provider: 'razorpay',
        providerOrderId: 'order_Rz1',
        status: 'created',
        paymentId: null,
        checkout: { provider: 'razorpay', order_id: 'order_Rz1', amount: 900000, currency: 'INR' },
      },
    });
    const { user } = renderApp('/fees');
    await user.click(await screen.findByRole('button', { name: 'Pay online for Vikram Kumar' }));
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pay ₹9,000.00?' });
    await user.click(within(dialog).getByRole('button', { name: 'Pay now' }));
    expect(await screen.findByText('Payment not completed')).toBeInTheDocument();
    expect(api.requestsTo(`POST /api/v1/fees/students/${VIK}/online-orders`)).toHaveLength(1);
    expect(api.requestsTo('POST /api/v1/fees/online-orders/ord-2/sandbox-checkout')).toHaveLength(0);
    expect(screen.queryByText('Payment received')).not.toBeInTheDocument();
  });

  it('refuses an amount above the outstanding dues', async () => {
    const { user } = renderApp('/fees');
    await user.click(await screen.findByRole('button', { name: 'Pay online for Vikram Kumar' }));
    const amount = await screen.findByRole('textbox', { name: /Amount \(INR\)/ });
    await user.clear(amount);
    await user.type(amount, '9001');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('This is more than the outstanding dues')).toBeInTheDocument();
    expect(api.requestsTo(`POST /api/v1/fees/students/${VIK}/online-orders`)).toHaveLength(0);
  });

  it('downloads the receipt as a PDF', async () => {
    const downloads = captureDownloads();
    api.on('GET /api/v1/fees/payments/pay-1/receipt', {
      status: 200,
      body: new Blob(['%PDF-1.7 receipt'], { type: 'application/pdf' }),
      headers: { 'content-type': 'application/pdf' },
    });
    const { user } = renderApp('/fees');
    await user.click(await screen.findByRole('button', { name: 'Download receipt 2026-27/00001' }));
    await waitFor(() => expect(downloads.files).toHaveLength(1));
    expect(downloads.files[0]?.name).toBe('receipt-2026-27-00001.pdf');
    expect(await blobText(downloads.files[0]!.blob)).toMatch(/^%PDF/);
    const request = api.requestsTo('GET /api/v1/fees/payments/pay-1/receipt')[0];
    expect(request?.headers.get('Authorization')).toMatch(/^Bearer /);
    expect(request?.query.toString()).toBe('');
  });
});

describe('an accountant recording a payment', () => {
  beforeEach(() => {
    api = givenSignedIn(installFakeApi(), accountantMe)
      .on('GET /api/v1/students', {
        status: 200,
        body: {
          items: [
            {
              id: ANU,
              fullName: 'Anu Kumar',
              admissionNo: 'GW-0001',
              enrolment: { className: 'Class 5', sectionName: 'A' },
            },
          ],
        },
      })
      .on(`GET /api/v1/fees/students/${ANU}/dues`, { status: 200, body: dues(ANU, 'Anu Kumar', 1000000) })
      .on(`GET /api/v1/fees/students/${ANU}/payments`, { status: 200, body: { items: [] } });
  });

  it('sends one Idempotency-Key for a double-clicked payment', async () => {
    api.on(`POST /api/v1/fees/students/${ANU}/payments`, async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return { status: 201, body: { ...payment, amount: 400000, method: 'cash' } };
    });
    const { user } = renderApp('/fees');
    await user.type(await screen.findByRole('textbox', { name: /Search student/ }), 'Anu');
    await user.click(await screen.findByRole('option', { name: /Anu Kumar/ }));
    const amount = await screen.findByRole('textbox', { name: /Amount \(INR\)/ });
    await user.clear(amount);
    await user.type(amount, '4000');
    await user.click(screen.getByRole('button', { name: 'Record payment' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record ₹4,000.00?' });
    const confirm = within(dialog).getByRole('button', { name: 'Record' });
    await user.dblClick(confirm);
    await screen.findByRole('button', { name: 'Download receipt 2026-27/00001' });
    const posts = api.requestsTo(`POST /api/v1/fees/students/${ANU}/payments`);
    expect(posts.length).toBeGreaterThanOrEqual(1);
    const keys = new Set(posts.map((post) => post.headers.get('Idempotency-Key')));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[0]?.body).toEqual({ amount: 400000, method: 'cash' });
  });
  it('retries a lost answer with the same Idempotency-Key', async () => {
    let calls = 0;
    api.on(`POST /api/v1/fees/students/${ANU}/payments`, () => {
      calls += 1;
      return calls === 1 ? 'network-error' : { status: 201, body: { ...payment, method: 'cash' } };
    });
    const { user } = renderApp('/fees');
    await user.type(await screen.findByRole('textbox', { name: /Search student/ }), 'Anu');
    await user.click(await screen.findByRole('option', { name: /Anu Kumar/ }));
    await user.click(await screen.findByRole('button', { name: 'Record payment' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record ₹10,000.00?' });
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    await within(dialog).findByText('The payment was not recorded');
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    await screen.findByRole('button', { name: 'Download receipt 2026-27/00001' });
    const posts = api.requestsTo(`POST /api/v1/fees/students/${ANU}/payments`);
    expect(posts).toHaveLength(2);
    expect(posts[1]?.headers.get('Idempotency-Key')).toBe(posts[0]?.headers.get('Idempotency-Key'));
  });
});

describe('a student on the fees page', () => {
  it('sees their own dues and receipts, without a Pay button or office tabs', async () => {
    api = givenSignedIn(installFakeApi(), studentMe)
      .on('GET /api/v1/fees/family', {
        status: 200,
        body: { items: [dues(ANU, 'Anu Kumar', 1250050)], currency: 'INR' },
      })
      .on(`GET /api/v1/fees/students/${ANU}/payments`, { status: 200, body: { items: [payment] } });
    renderApp('/fees');
    const anu = await screen.findByRole('region', { name: 'Anu Kumar' });
    expect(within(anu).getByTestId('child-outstanding')).toHaveTextContent('₹12,500.50');
    expect(screen.queryByRole('button', { name: /Pay online/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });
});
