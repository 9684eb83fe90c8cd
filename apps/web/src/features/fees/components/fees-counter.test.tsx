import { DEFAULT_ROLE_PERMISSIONS, DefaultRole, Permission } from '@shala/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { schoolToday } from '../../../app/school-date';
import { installFakeApi, type FakeApi } from '../../../test/fake-api';
import { givenSignedIn, meWith, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import type { DefaultersReport, FeeReminderOutcome, PaymentListItem, StudentDues } from '@shala/contracts';
import { testPayment } from './test-payment';

const accountantMe = meWith([...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Accountant]], {
  ...teacherMe,
  roles: [DefaultRole.Accountant],
});
/** A custom office role that may read fee reports but not collect (so not remind). */
const viewerMe = meWith([Permission.FeesRead, Permission.AcademicsRead], {
  ...teacherMe,
  roles: ['fee-viewer'],
});
const ANU = '0190a1b2-0000-7000-8000-0000000a0001';
const BALA = '0190a1b2-0000-7000-8000-0000000a0002';
const today = schoolToday(teacherMe.institution.timeZone);
const dayBefore = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

const anuDues: StudentDues = {
  studentId: ANU,
  fullName: 'Anu Kumar',
  admissionNo: 'GW-0001',
  currency: 'INR',
  outstanding: 1_000_000,
  overdue: 0,
  invoices: [],
};

let api: FakeApi;
afterEach(() => {
  api.uninstall();
  vi.restoreAllMocks();
});

describe('the counter form: fields per payment method and the payment date', () => {
  beforeEach(() => {
    api = givenSignedIn(installFakeApi(), accountantMe)
      .on('GET /api/v1/students', {
        status: 200,
        body: { items: [{ id: ANU, fullName: 'Anu Kumar', admissionNo: 'GW-0001', enrolment: null }] },
      })
      .on(`GET /api/v1/fees/students/${ANU}/dues`, { status: 200, body: anuDues })
      .on(`GET /api/v1/fees/students/${ANU}/payments`, { status: 200, body: { items: [] } })
      .on(`POST /api/v1/fees/students/${ANU}/payments`, {
        status: 201,
        body: testPayment(ANU, 'cheque'),
      });
  });

  async function openCounter() {
    const rendered = renderApp('/fees');
    const { user } = rendered;
    await user.type(await screen.findByRole('textbox', { name: /Search student/ }), 'Anu');
    await user.click(await screen.findByRole('option', { name: /Anu Kumar/ }));
    await screen.findByRole('textbox', { name: /Amount \(INR\)/ });
    return user;
  }

  async function pickMethod(user: Awaited<ReturnType<typeof openCounter>>, method: string) {
    await user.click(screen.getByRole('textbox', { name: 'Method' }));
    await user.click(await screen.findByRole('option', { name: method }));
  }

  it("asks for a cheque's number, bank and date before anything is sent, then sends them", async () => {
    const user = await openCounter();
    expect(screen.queryByLabelText(/Cheque number/)).toBeNull();
    await pickMethod(user, 'Cheque');
    expect(screen.queryByLabelText(/UPI reference/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Record payment' }));
    expect(await screen.findByText('Enter the number')).toBeInTheDocument();
    expect(screen.getByText('Enter the bank')).toBeInTheDocument();
    expect(screen.getByText('Enter the date written on it')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.type(screen.getByLabelText(/Cheque number/), '000123');
    await user.type(screen.getByLabelText(/^Bank/), 'State Bank of India');
    fireEvent.input(screen.getByLabelText(/Date on the cheque/), { target: { value: today } });
    await user.click(screen.getByRole('button', { name: 'Record payment' }));
    const dialog = await screen.findByRole('dialog', { name: /Record ₹10,000.00/ });
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(api.requestsTo(`POST /api/v1/fees/students/${ANU}/payments`)).toHaveLength(1));
    expect(api.requestsTo(`POST /api/v1/fees/students/${ANU}/payments`)[0]?.body).toEqual({
      amount: 1_000_000,
      method: 'cheque',
      instrumentNo: '000123',
      instrumentBank: 'State Bank of India',
      instrumentDate: today,
    });
  });

  it('shows a demand draft its own number label, and a bank transfer a required UTR', async () => {
    const user = await openCounter();
    await pickMethod(user, 'Demand draft');
    expect(screen.getByLabelText(/Demand draft number/)).toBeInTheDocument();
    await pickMethod(user, 'Bank transfer');
    expect(screen.queryByLabelText(/Demand draft number/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Record payment' }));
    expect(await screen.findByText('Enter the UTR of the transfer')).toBeInTheDocument();
    expect(api.requestsTo(`POST /api/v1/fees/students/${ANU}/payments`)).toHaveLength(0);
  });

  it('records UPI without a reference (recommended, not required)', async () => {
    const user = await openCounter();
    await pickMethod(user, 'UPI');
    expect(screen.getByLabelText(/UPI reference \(UTR\)/)).not.toBeRequired();
    await user.click(screen.getByRole('button', { name: 'Record payment' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(api.requestsTo(`POST /api/v1/fees/students/${ANU}/payments`)).toHaveLength(1));
    expect(api.requestsTo(`POST /api/v1/fees/students/${ANU}/payments`)[0]?.body).toEqual({
      amount: 1_000_000,
      method: 'upi',
    });
  });

  it('dates the payment today by default, sends an earlier date, and refuses a future one', async () => {
    const user = await openCounter();
    const date = screen.getByLabelText(/Payment date/);
    expect(date).toHaveValue(today);
    fireEvent.input(date, { target: { value: dayBefore(today, -1) } });
    await user.click(screen.getByRole('button', { name: 'Record payment' }));
    expect(await screen.findByText('The payment date cannot be in the future')).toBeInTheDocument();
    const earlier = dayBefore(today, 3);
    fireEvent.input(date, { target: { value: earlier } });
    await user.click(screen.getByRole('button', { name: 'Record payment' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('It will be dated');
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(api.requestsTo(`POST /api/v1/fees/students/${ANU}/payments`)).toHaveLength(1));
    expect(api.requestsTo(`POST /api/v1/fees/students/${ANU}/payments`)[0]?.body).toMatchObject({
      method: 'cash',
      paidOn: earlier,
    });
  });
});

describe('the payments register shows the instrument', () => {
  it("lists a cheque's number, bank and date under its method", async () => {
    const cheque: PaymentListItem = {
      ...testPayment(ANU, 'cheque'),
      instrument: { number: '000123', bank: 'Canara Bank', date: '2026-05-01' },
      fullName: 'Anu Kumar',
      admissionNo: 'GW-0001',
    };
    api = givenSignedIn(installFakeApi(), accountantMe).on('GET /api/v1/fees/payments', {
      status: 200,
      body: { items: [cheque], nextCursor: null },
    });
    renderApp('/fees?tab=payments');
    const instrument = await screen.findByTestId('payment-instrument');
    expect(instrument).toHaveTextContent('No. 000123, Canara Bank, dated');
  });
});

describe('the defaulters list: masked phone and one-tap reminder', () => {
  const report: DefaultersReport = {
    asOf: today,
    currency: 'INR',
    totalOutstanding: 3_500_000,
    count: 2,
    items: [
      {
        studentId: ANU,
        fullName: 'Anu Kumar',
        admissionNo: 'GW-0001',
        className: 'Class 5',
        sectionName: 'A',
        outstanding: 2_500_000,
        oldestDueDate: '2026-06-10',
        daysOverdue: 163,
        guardianPhoneMasked: '98••••••10',
        remindedToday: false,
      },
      {
        studentId: BALA,
        fullName: 'Bala Raman',
        admissionNo: 'GW-0002',
        className: 'Class 6',
        sectionName: 'B',
        outstanding: 1_000_000,
        oldestDueDate: '2026-10-10',
        daysOverdue: 41,
        guardianPhoneMasked: null,
        remindedToday: true,
      },
    ],
  };
  let answer: (outcome: FeeReminderOutcome) => void = () => undefined;

  beforeEach(() => {
    api = givenSignedIn(installFakeApi(), accountantMe)
      .on('GET /api/v1/academics/classes', { status: 200, body: { items: [] } })
      .on('GET /api/v1/fees/reports/defaulters', { status: 200, body: report })
      .on(
        `POST /api/v1/fees/students/${ANU}/remind`,
        () =>
          new Promise((resolve) => {
            answer = (body) => resolve({ status: 200, body });
          }),
      );
  });

  it('shows the masked phone, and "Queued" only once the API said so', async () => {
    const { user } = renderApp('/fees?tab=dues');
    const table = await screen.findByRole('table', { name: 'Defaulters' });
    expect(within(table).getByText('98••••••10')).toBeInTheDocument();
    expect(within(table).getByText('Already sent today')).toBeInTheDocument();
    await user.click(
      within(table).getByRole('button', { name: 'Send a fee reminder to the guardians of Anu Kumar' }),
    );
    await waitFor(() => expect(api.requestsTo(`POST /api/v1/fees/students/${ANU}/remind`)).toHaveLength(1));
    expect(within(table).queryByText('Queued')).toBeNull();
    answer({ outcome: 'queued', enqueued: 1, sentOn: today });
    expect(await within(table).findByText('Queued')).toBeInTheDocument();
  });

  it('says "Already sent today" when the API had sent one earlier', async () => {
    const { user } = renderApp('/fees?tab=dues');
    const table = await screen.findByRole('table', { name: 'Defaulters' });
    await user.click(within(table).getByRole('button', { name: /guardians of Anu Kumar/ }));
    await waitFor(() => expect(api.requestsTo(`POST /api/v1/fees/students/${ANU}/remind`)).toHaveLength(1));
    answer({ outcome: 'already_sent', enqueued: 0, sentOn: today });
    await waitFor(() => expect(within(table).getAllByText('Already sent today')).toHaveLength(2));
    expect(within(table).queryByText('Queued')).toBeNull();
  });

  it('offers no reminder button to a role that cannot collect fees', async () => {
    api.uninstall();
    api = givenSignedIn(installFakeApi(), viewerMe)
      .on('GET /api/v1/academics/classes', { status: 200, body: { items: [] } })
      .on('GET /api/v1/fees/reports/defaulters', { status: 200, body: report });
    renderApp('/fees?tab=dues');
    const table = await screen.findByRole('table', { name: 'Defaulters' });
    expect(within(table).queryByRole('button', { name: /guardians of/ })).toBeNull();
  });
});

describe('a parent paying several children in one online order', () => {
  const parentMe = meWith([...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Parent]], {
    ...teacherMe,
    roles: [DefaultRole.Parent],
  });
  const VIK = '0190a1b2-0000-7000-8000-0000000a0003';
  const child = (studentId: string, fullName: string, outstanding: number): StudentDues => ({
    ...anuDues,
    studentId,
    fullName,
    admissionNo: `GW-${studentId.slice(-4)}`,
    outstanding,
  });
  const order = (status: 'created' | 'paid') => ({
    id: 'ord-f',
    studentId: ANU,
    amount: 2_150_000,
    currency: 'INR',
    provider: 'sandbox',
    providerOrderId: 'sb_f',
    status,
    paymentId: null,
    parts: [],
    checkout: {
      provider: 'sandbox',
      order_id: 'sb_f',
      sandboxCheckout: '/api/v1/fees/online-orders/ord-f/sandbox-checkout',
    },
  });

  beforeEach(() => {
    api = givenSignedIn(installFakeApi(), parentMe)
      .on('GET /api/v1/fees/family', {
        status: 200,
        body: {
          items: [
            child(ANU, 'Anu Kumar', 1_250_000),
            child(VIK, 'Vikram Kumar', 900_000),
            child(BALA, 'Bala Kumar', 0),
          ],
          currency: 'INR',
        },
      })
      .on(`GET /api/v1/fees/students/${ANU}/payments`, { status: 200, body: { items: [] } })
      .on(`GET /api/v1/fees/students/${VIK}/payments`, { status: 200, body: { items: [] } })
      .on(`GET /api/v1/fees/students/${BALA}/payments`, { status: 200, body: { items: [] } })
      .on('POST /api/v1/fees/family/online-orders', { status: 201, body: order('created') })
      .on('POST /api/v1/fees/online-orders/ord-f/sandbox-checkout', { status: 200, body: order('paid') });
  });

  it('ticks every child with dues, pays the ticked ones in one order after confirming', async () => {
    const { user } = renderApp('/fees');
    const card = await screen.findByRole('region', { name: 'Pay for your children together' });
    const anu = within(card).getByRole('checkbox', { name: /Anu Kumar/ });
    const vik = within(card).getByRole('checkbox', { name: /Vikram Kumar/ });
    expect(anu).toBeChecked();
    expect(vik).toBeChecked();
    expect(within(card).queryByRole('checkbox', { name: /Bala Kumar/ })).toBeNull();
    expect(within(card).getByRole('button', { name: 'Pay ₹21,500.00 online' })).toBeEnabled();
    await user.click(within(card).getByRole('button', { name: 'Pay ₹21,500.00 online' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pay ₹21,500.00?' });
    expect(api.requestsTo('POST /api/v1/fees/family/online-orders')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Pay now' }));
    await waitFor(() =>
      expect(api.requestsTo('POST /api/v1/fees/online-orders/ord-f/sandbox-checkout')).toHaveLength(1),
    );
    expect(api.requestsTo('POST /api/v1/fees/family/online-orders')[0]?.body).toEqual({
      children: [
        { studentId: ANU, amount: 1_250_000 },
        { studentId: VIK, amount: 900_000 },
      ],
    });
  });

  it('leaves out an unticked child, and cannot pay with none ticked', async () => {
    const { user } = renderApp('/fees');
    const card = await screen.findByRole('region', { name: 'Pay for your children together' });
    await user.click(within(card).getByRole('checkbox', { name: /Anu Kumar/ }));
    await user.click(within(card).getByRole('button', { name: 'Pay ₹9,000.00 online' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Pay now' }));
    await waitFor(() => expect(api.requestsTo('POST /api/v1/fees/family/online-orders')).toHaveLength(1));
    expect(api.requestsTo('POST /api/v1/fees/family/online-orders')[0]?.body).toEqual({
      children: [{ studentId: VIK, amount: 900_000 }],
    });
    await user.click(within(card).getByRole('checkbox', { name: /Vikram Kumar/ }));
    expect(within(card).getByText('Tick at least one child to pay for.')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: /Pay .* online/ })).toBeDisabled();
  });
});
