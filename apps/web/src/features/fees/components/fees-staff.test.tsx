import { DEFAULT_ROLE_PERMISSIONS, DefaultRole, Permission } from '@shala/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blobText, captureDownloads } from '../../../test/downloads';
import { envelope, installFakeApi, type FakeApi } from '../../../test/fake-api';
import { givenSignedIn, meWith, teacherMe } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import type { StudentDues } from '@shala/contracts';
import type { CollectionsReport, DefaultersReport, FeeStructure } from '@shala/contracts';
import { testPayment } from './test-payment';

const accountantMe = meWith([...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Accountant]], {
  ...teacherMe,
  roles: [DefaultRole.Accountant],
});
/** A custom office role that may read fees and take payments, and nothing more. */
const clerkMe = meWith([Permission.FeesRead, Permission.FeesCollect, Permission.AcademicsRead], {
  ...teacherMe,
  roles: ['fee-clerk'],
});

const YEAR = '0190a1b2-0000-7000-8000-00000000ye01';
const CLASS5 = '0190a1b2-0000-7000-8000-00000000c005';
const CLASS6 = '0190a1b2-0000-7000-8000-00000000c006';
const TUITION = '0190a1b2-0000-7000-8000-00000000he01';
const TRANSPORT = '0190a1b2-0000-7000-8000-00000000he02';
const ANU = '0190a1b2-0000-7000-8000-0000000a0001';

const structure: FeeStructure = {
  id: 'st-5',
  academicYearId: YEAR,
  classId: CLASS5,
  name: 'Class 5 fees 2026-27',
  currency: 'INR',
  total: 3_000_000,
  instalments: [
    {
      id: 'in-1',
      seq: 1,
      label: 'Term 1',
      dueDate: '2026-06-10',
      total: 1_500_000,
      lines: [{ headId: TUITION, headName: 'Tuition', amount: 1_500_000 }],
    },
    {
      id: 'in-2',
      seq: 2,
      label: 'Term 2',
      dueDate: '2026-10-10',
      total: 1_500_000,
      lines: [{ headId: TUITION, headName: 'Tuition', amount: 1_500_000 }],
    },
  ],
};

const anuDues: StudentDues = {
  studentId: ANU,
  fullName: 'Anu Kumar',
  admissionNo: 'GW-0001',
  currency: 'INR',
  outstanding: 1_000_000,
  overdue: 0,
  invoices: [
    {
      id: 'inv-1',
      studentId: ANU,
      label: 'Class 5 fees 2026-27 - Term 1',
      dueDate: '2026-06-10',
      currency: 'INR',
      charged: 1_500_000,
      concession: 0,
      fine: 0,
      paid: 500_000,
      outstanding: 1_000_000,
      status: 'partial',
      overdue: false,
      lines: [
        {
          headId: TUITION,
          headName: 'Tuition',
          charged: 1_500_000,
          concession: 0,
          fine: 0,
          paid: 500_000,
          outstanding: 1_000_000,
        },
      ],
    },
  ],
};

const payment = testPayment(ANU, 'cash');

let api: FakeApi;
afterEach(() => {
  api.uninstall();
  vi.restoreAllMocks();
});

function givenOffice(me = accountantMe): FakeApi {
  return givenSignedIn(installFakeApi(), me)
    .on('GET /api/v1/academics/years', {
      status: 200,
      body: {
        items: [{ id: YEAR, name: '2026-27', startsOn: '2026-04-01', endsOn: '2027-03-31', current: true }],
      },
    })
    .on('GET /api/v1/academics/classes', {
      status: 200,
      body: {
        items: [
          { id: CLASS5, name: 'Class 5', ordinal: 5, sections: [] },
          { id: CLASS6, name: 'Class 6', ordinal: 6, sections: [] },
        ],
      },
    })
    .on('GET /api/v1/fees/heads', {
      status: 200,
      body: {
        items: [
          { id: TUITION, name: 'Tuition', optional: false },
          { id: TRANSPORT, name: 'Transport', optional: true },
        ],
      },
    })
    .on('GET /api/v1/fees/structures', { status: 200, body: { items: [structure] } })
    .on('GET /api/v1/fees/late-fee-rules', { status: 200, body: { items: [] } })
    .on('GET /api/v1/fees/reminder-rules', { status: 200, body: { items: [] } })
    .on('GET /api/v1/students', {
      status: 200,
      body: { items: [{ id: ANU, fullName: 'Anu Kumar', admissionNo: 'GW-0001', enrolment: null }] },
    })
    .on(`GET /api/v1/fees/students/${ANU}/dues`, { status: 200, body: anuDues })
    .on(`GET /api/v1/fees/students/${ANU}/payments`, { status: 200, body: { items: [payment] } })
    .on(`GET /api/v1/fees/students/${ANU}/optional-heads`, {
      status: 200,
      body: { academicYearId: YEAR, heads: [{ headId: TRANSPORT, amountPerInstalment: 120_000 }] },
    });
}

async function pickAnu(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByRole('textbox', { name: /Search student/ }), 'Anu');
  await user.click(await screen.findByRole('option', { name: /Anu Kumar/ }));
}

describe('the office tabs on the fees page', () => {
  it('shows an accountant every staff tab, record payment first', async () => {
    api = givenOffice();
    renderApp('/fees');
    const tabs = await screen.findAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual([
      'Record payment',
      'Payments',
      'Student accounts',
      'Class invoicing',
      'Dues and defaulters',
      'Collections',
      'Fee setup',
    ]);
    expect(screen.getByRole('tab', { name: 'Record payment' })).toHaveAttribute('aria-selected', 'true');
  });

  it('hides fee setup and class invoicing from a role without fees.setup', async () => {
    api = givenOffice(clerkMe);
    renderApp('/fees?tab=setup');
    const tabs = await screen.findAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual([
      'Record payment',
      'Payments',
      'Student accounts',
      'Dues and defaulters',
      'Collections',
    ]);
    // Asking for a tab the role lacks opens the first one instead, and never calls the setup API.
    expect(screen.getByRole('tab', { name: 'Record payment' })).toHaveAttribute('aria-selected', 'true');
    expect(api.requestsTo('GET /api/v1/fees/late-fee-rules')).toHaveLength(0);
  });

  it('hides the reverse and adjust buttons from a role without those permissions', async () => {
    api = givenOffice(clerkMe);
    const { user } = renderApp('/fees?tab=accounts');
    await pickAnu(user);
    await screen.findByRole('button', { name: 'Download receipt 2026-27/00001' });
    expect(screen.queryByRole('button', { name: /^Reverse payment/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Concession, waiver or fine/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: /Optional heads/ })).toBeNull();
  });
});

describe('the payments register', () => {
  const row = (n: number, status: 'completed' | 'reversed' = 'completed') => ({
    ...payment,
    id: `pay-${n}`,
    receiptNo: `2026-27/0000${n}`,
    status,
    fullName: `Student ${n}`,
    admissionNo: `GW-000${n}`,
  });

  it('lists payments newest first with the student, loads more by cursor, and filters on the API', async () => {
    api = givenOffice().on('GET /api/v1/fees/payments', (request) => {
      if (request.query.get('status') === 'reversed')
        return { status: 200, body: { items: [row(9, 'reversed')], nextCursor: null } };
      return request.query.get('cursor') === 'c2'
        ? { status: 200, body: { items: [row(1)], nextCursor: null } }
        : { status: 200, body: { items: [row(3), row(2)], nextCursor: 'c2' } };
    });
    const { user } = renderApp('/fees?tab=payments');
    const table = await screen.findByRole('table', { name: 'Payments' });
    expect(within(table).getAllByTestId('register-row')).toHaveLength(2);
    expect(within(table).getByText('Student 3')).toBeInTheDocument();
    expect(within(table).getAllByText('₹5,000.00')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(table).getAllByTestId('register-row')).toHaveLength(3));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    await user.click(screen.getByText('Reversed'));
    await waitFor(() =>
      expect(screen.getByRole('table', { name: 'Payments' })).toHaveTextContent('Student 9'),
    );
    expect(api.requestsTo('GET /api/v1/fees/payments').at(-1)?.query.get('status')).toBe('reversed');
    // A reversed payment cannot be reversed again.
    expect(screen.queryByRole('button', { name: /^Reverse payment/ })).toBeNull();

    await pickAnu(user);
    await waitFor(() =>
      expect(api.requestsTo('GET /api/v1/fees/payments').at(-1)?.query.get('studentId')).toBe(ANU),
    );
  });

  it('reverses a payment from the register after asking for the reason', async () => {
    api = givenOffice()
      .on('GET /api/v1/fees/payments', { status: 200, body: { items: [row(3)], nextCursor: null } })
      .on('POST /api/v1/fees/payments/pay-3/reverse', { status: 200, body: row(3, 'reversed') });
    const { user } = renderApp('/fees?tab=payments');
    await user.click(await screen.findByRole('button', { name: 'Reverse payment 2026-27/00003' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reverse payment 2026-27/00003?' });
    await user.type(
      within(dialog).getByRole('textbox', { name: /Reason for the reversal/ }),
      'wrong student',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Reverse payment' }));
    await waitFor(() => expect(api.requestsTo('POST /api/v1/fees/payments/pay-3/reverse')).toHaveLength(1));
    expect(api.requestsTo('POST /api/v1/fees/payments/pay-3/reverse')[0]?.body).toEqual({
      reason: 'wrong student',
    });
  });
});

describe('reversing a payment', () => {
  beforeEach(() => {
    api = givenOffice().on('POST /api/v1/fees/payments/pay-1/reverse', (request) => ({
      status: 200,
      body: {
        ...payment,
        status: 'reversed',
        reversalReason: (request.body as { reason: string }).reason,
        reversedAt: '2026-05-03T05:00:00.000Z',
      },
    }));
  });

  it('asks for a reason before anything is sent, then sends it', async () => {
    const { user } = renderApp('/fees?tab=accounts');
    await pickAnu(user);
    await user.click(await screen.findByRole('button', { name: 'Reverse payment 2026-27/00001' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reverse payment 2026-27/00001?' });
    expect(within(dialog).getByText(/₹5,000.00 is taken back off the ledger/)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Reverse payment' }));
    expect(await within(dialog).findByText('Give a reason of at least 3 characters')).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: /Reason for the reversal/ }), '  ok ');
    await user.click(within(dialog).getByRole('button', { name: 'Reverse payment' }));
    expect(within(dialog).getByText('Give a reason of at least 3 characters')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/fees/payments/pay-1/reverse')).toHaveLength(0);

    await user.type(
      within(dialog).getByRole('textbox', { name: /Reason for the reversal/ }),
      'cheque bounced',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Reverse payment' }));
    await waitFor(() => expect(api.requestsTo('POST /api/v1/fees/payments/pay-1/reverse')).toHaveLength(1));
    expect(api.requestsTo('POST /api/v1/fees/payments/pay-1/reverse')[0]?.body).toEqual({
      reason: 'ok cheque bounced',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('keeps the dialog open with the reason when the API refuses', async () => {
    api.on(
      'POST /api/v1/fees/payments/pay-1/reverse',
      envelope(409, 'FEES_PAYMENT_ALREADY_REVERSED', 'This payment was already reversed.'),
    );
    const { user } = renderApp('/fees?tab=accounts');
    await pickAnu(user);
    await user.click(await screen.findByRole('button', { name: 'Reverse payment 2026-27/00001' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reverse payment 2026-27/00001?' });
    await user.type(
      within(dialog).getByRole('textbox', { name: /Reason for the reversal/ }),
      'duplicate entry',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Reverse payment' }));
    expect(await within(dialog).findByText('The payment was not reversed')).toBeInTheDocument();
    expect(within(dialog).getByText('This payment was already reversed.')).toBeInTheDocument();
  });
});

/** Student accounts, Anu picked, the adjustment dialog of her Term 1 invoice open. */
async function openAdjustment() {
  const { user } = renderApp('/fees?tab=accounts');
  await pickAnu(user);
  await user.click(
    await screen.findByRole('button', {
      name: 'Concession, waiver or fine on Class 5 fees 2026-27 - Term 1',
    }),
  );
  return { user, dialog: await screen.findByRole('dialog') };
}

describe('student accounts', () => {
  beforeEach(() => {
    api = givenOffice()
      .on('POST /api/v1/fees/invoices/inv-1/adjustments', { status: 200, body: anuDues.invoices[0] })
      .on(`PUT /api/v1/fees/students/${ANU}/optional-heads`, (request) => ({
        status: 200,
        body: request.body,
      }));
  });

  it('gives a percentage concession in basis points with its category and reason', async () => {
    const { user, dialog } = await openAdjustment();
    await user.click(within(dialog).getByText('A percentage'));
    await user.type(within(dialog).getByRole('textbox', { name: /Percentage of each head/ }), '12.5');
    await user.type(within(dialog).getByRole('textbox', { name: /^Reason/ }), 'Second child');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.requestsTo('POST /api/v1/fees/invoices/inv-1/adjustments')).toHaveLength(1),
    );
    expect(api.requestsTo('POST /api/v1/fees/invoices/inv-1/adjustments')[0]?.body).toEqual({
      kind: 'concession',
      percentBasisPoints: 1250,
      category: 'sibling',
      reason: 'Second child',
    });
  });

  it('refuses a fine without its head, and a waiver without a reason', async () => {
    const { user, dialog } = await openAdjustment();
    await user.click(within(dialog).getByText('Fine'));
    await user.type(within(dialog).getByRole('textbox', { name: /^Amount \(INR\)/ }), '100');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Choose the head the fine is booked to')).toBeInTheDocument();
    expect(within(dialog).getByText('Give a reason of at least 3 characters')).toBeInTheDocument();
    expect(api.requestsTo('POST /api/v1/fees/invoices/inv-1/adjustments')).toHaveLength(0);
  });

  it("shows the student's optional heads and saves them in paise", async () => {
    const { user } = renderApp('/fees?tab=accounts');
    await pickAnu(user);
    const amount = await screen.findByRole('textbox', { name: /Transport per instalment \(INR\)/ });
    expect(amount).toHaveValue('1,200');
    await user.clear(amount);
    await user.type(amount, '1500');
    await user.click(screen.getByRole('button', { name: 'Save optional heads' }));
    await waitFor(() =>
      expect(api.requestsTo(`PUT /api/v1/fees/students/${ANU}/optional-heads`)).toHaveLength(1),
    );
    expect(api.requestsTo(`PUT /api/v1/fees/students/${ANU}/optional-heads`)[0]?.body).toEqual({
      heads: [{ headId: TRANSPORT, amountPerInstalment: 150_000 }],
    });
  });
});

describe('class invoicing', () => {
  it('runs after confirming and shows how many invoices were created and already existed', async () => {
    api = givenOffice().on('POST /api/v1/fees/structures/st-5/invoices', {
      status: 200,
      body: { created: 6, skipped: 18, students: 12 },
    });
    const { user } = renderApp('/fees?tab=invoicing');
    await user.click(await screen.findByRole('textbox', { name: 'Class' }));
    await user.click(await screen.findByRole('option', { name: 'Class 5' }));
    expect(await screen.findByText(/Class 5 fees 2026-27: 2 instalments, ₹30,000.00/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Generate invoices' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invoice Class 5?' });
    expect(api.requestsTo('POST /api/v1/fees/structures/st-5/invoices')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Generate' }));
    expect(await screen.findByTestId('invoice-run-result')).toHaveTextContent(
      '6 invoices created, 18 already existed (12 students in Class 5).',
    );
    expect(api.requestsTo('POST /api/v1/fees/structures/st-5/invoices')).toHaveLength(1);
  });

  it('says to create a structure first for a class without one', async () => {
    api = givenOffice();
    const { user } = renderApp('/fees?tab=invoicing');
    await user.click(await screen.findByRole('textbox', { name: 'Class' }));
    await user.click(await screen.findByRole('option', { name: 'Class 6' }));
    expect(
      await screen.findByText('Class 6 has no fee structure for 2026-27. Create one under Fee setup first.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Generate invoices' })).toBeNull();
  });
});

describe('fee setup', () => {
  it('adds a fee head', async () => {
    api = givenOffice().on('POST /api/v1/fees/heads', (request) => ({
      status: 201,
      body: { id: 'he-new', ...(request.body as object) },
    }));
    const { user } = renderApp('/fees?tab=setup');
    const section = await screen.findByRole('region', { name: 'Fee heads' });
    await user.click(within(section).getByRole('button', { name: 'Add fee head' }));
    expect(await within(section).findByText('Enter a name')).toBeInTheDocument();
    await user.type(within(section).getByRole('textbox', { name: /^Name/ }), 'Library');
    await user.click(within(section).getByRole('button', { name: 'Add fee head' }));
    await waitFor(() => expect(api.requestsTo('POST /api/v1/fees/heads')).toHaveLength(1));
    expect(api.requestsTo('POST /api/v1/fees/heads')[0]?.body).toEqual({ name: 'Library', optional: false });
  });

  it('saves a structure with instalments in paise, only the charged heads, and the year chosen', async () => {
    api = givenOffice().on('POST /api/v1/fees/structures', (request) => ({
      status: 201,
      body: { ...structure, id: 'st-6', classId: CLASS6, name: (request.body as { name: string }).name },
    }));
    const { user } = renderApp('/fees?tab=setup');
    const add = await screen.findByRole('button', { name: 'New fee structure' });
    await waitFor(() => expect(add).toBeEnabled());
    await user.click(add);
    const form = await screen.findByRole('region', { name: 'New fee structure' });
    await user.click(within(form).getByRole('button', { name: 'Save fee structure' }));
    expect(await within(form).findByText('Choose a class')).toBeInTheDocument();
    expect(within(form).getByText('Enter the due date')).toBeInTheDocument();
    expect(within(form).getByText('Charge at least one head in this instalment')).toBeInTheDocument();

    await user.click(within(form).getByRole('textbox', { name: /^Class/ }));
    expect(await screen.findByRole('option', { name: 'Class 5 (already has one)' })).toHaveAttribute(
      'data-combobox-disabled',
      'true',
    );
    await user.click(screen.getByRole('option', { name: 'Class 6' }));
    await user.type(within(form).getByRole('textbox', { name: /^Name/ }), 'Class 6 fees');
    await user.type(within(form).getByLabelText(/^Due date/), '2026-06-15');
    await user.type(within(form).getByRole('textbox', { name: /^Tuition \(INR\)/ }), '12000.50');
    await user.click(within(form).getByRole('button', { name: 'Add instalment' }));
    const dueDates = within(form).getAllByLabelText(/^Due date/);
    await user.type(dueDates[1]!, '2026-11-15');
    await user.type(within(form).getAllByRole('textbox', { name: /^Tuition \(INR\)/ })[1]!, '8000');
    expect(within(form).getByTestId('structure-total')).toHaveTextContent('₹20,000.50');
    await user.click(within(form).getByRole('button', { name: 'Save fee structure' }));
    await waitFor(() => expect(api.requestsTo('POST /api/v1/fees/structures')).toHaveLength(1));
    expect(api.requestsTo('POST /api/v1/fees/structures')[0]?.body).toEqual({
      classId: CLASS6,
      academicYearId: YEAR,
      name: 'Class 6 fees',
      instalments: [
        { label: 'Term 1', dueDate: '2026-06-15', lines: [{ headId: TUITION, amount: 1_200_050 }] },
        { label: 'Term 2', dueDate: '2026-11-15', lines: [{ headId: TUITION, amount: 800_000 }] },
      ],
    });
  });

  it('saves a per-day late fee rule with a grace period and a cap', async () => {
    api = givenOffice().on('POST /api/v1/fees/late-fee-rules', { status: 201, body: {} });
    const { user } = renderApp('/fees?tab=setup');
    const section = await screen.findByRole('region', { name: 'Late fee rules' });
    await user.type(within(section).getByRole('textbox', { name: /^Name/ }), 'Late fee');
    await user.click(within(section).getByRole('textbox', { name: 'Kind' }));
    await user.click(await screen.findByRole('option', { name: 'Per day overdue' }));
    await user.type(within(section).getByRole('textbox', { name: /^Fine per day/ }), '10');
    const grace = within(section).getByRole('textbox', { name: /^Grace days/ });
    await user.clear(grace);
    await user.type(grace, '7');
    await user.type(within(section).getByRole('textbox', { name: /^Cap per invoice/ }), '500');
    await user.click(within(section).getByRole('textbox', { name: /^Book fines to the head/ }));
    await user.click(await screen.findByRole('option', { name: 'Tuition' }));
    await user.click(within(section).getByRole('button', { name: 'Add late fee rule' }));
    await waitFor(() => expect(api.requestsTo('POST /api/v1/fees/late-fee-rules')).toHaveLength(1));
    expect(api.requestsTo('POST /api/v1/fees/late-fee-rules')[0]?.body).toEqual({
      name: 'Late fee',
      kind: 'per_day',
      amount: 1000,
      graceDays: 7,
      cap: 50_000,
      headId: TUITION,
    });
  });
});

describe('the daily fee job', () => {
  it('lists the rules in words, and runs the job only after confirming, saying what it did', async () => {
    api = givenOffice()
      .on('GET /api/v1/fees/late-fee-rules', {
        status: 200,
        body: {
          items: [
            {
              id: 'lr-1',
              name: 'Late fee',
              kind: 'per_day',
              amount: 1000,
              basisPoints: null,
              graceDays: 7,
              cap: 50_000,
              headId: TUITION,
              active: true,
            },
          ],
        },
      })
      .on('GET /api/v1/fees/reminder-rules', {
        status: 200,
        body: { items: [{ id: 'rr-1', kind: 'before_due', days: 3, active: true }] },
      })
      .on('POST /api/v1/fees/jobs/daily', {
        status: 200,
        body: {
          asOf: '2026-11-20',
          invoices: 2,
          lateFees: { invoices: 4, amount: 120_000 },
          reminders: { sent: 3, enqueued: 5 },
        },
      });
    const { user } = renderApp('/fees?tab=setup');
    const late = await screen.findByRole('list', { name: 'Late fee rules' });
    expect(late).toHaveTextContent('₹10.00 a day, from 7 days after the due date, at most ₹500.00 · Tuition');
    expect(screen.getByRole('list', { name: 'Reminder rules' })).toHaveTextContent(
      '3 days before the due date',
    );

    await user.click(screen.getByRole('button', { name: 'Run now' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run the daily fee job now?' });
    expect(api.requestsTo('POST /api/v1/fees/jobs/daily')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Run' }));
    expect(await screen.findByTestId('daily-run-result')).toHaveTextContent(
      'As of 20 Nov 2026: 2 invoices for new enrolments, late fees of ₹1,200.00 on 4 invoices, 5 reminders written.',
    );
    expect(api.requestsTo('POST /api/v1/fees/jobs/daily')).toHaveLength(1);
  });
});

const defaulters: DefaultersReport = {
  asOf: '2026-11-20',
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
      studentId: 'st-2',
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

describe('dues and defaulters', () => {
  beforeEach(() => {
    api = givenOffice()
      .on('GET /api/v1/fees/reports/defaulters', { status: 200, body: defaulters })
      .on('GET /api/v1/fees/reports/defaulters/export', {
        status: 200,
        body: new Blob(['admission_no,name\n'], { type: 'text/csv' }),
        headers: {
          'content-type': 'text/csv',
          'content-disposition': 'attachment; filename="fee-defaulters-2026-11-20.csv"',
        },
      });
  });

  it('lists who owes what with the currency, and narrows by search', async () => {
    const { user } = renderApp('/fees?tab=dues');
    expect(await screen.findByTestId('dues-summary')).toHaveTextContent('2 students owe ₹35,000.00');
    const table = screen.getByRole('table', { name: 'Defaulters' });
    expect(within(table).getAllByTestId('defaulter-row')).toHaveLength(2);
    expect(within(table).getByText('₹25,000.00')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: /Search name/ }), 'bala');
    await waitFor(() => expect(within(table).getAllByTestId('defaulter-row')).toHaveLength(1));
    expect(within(table).getByText('Bala Raman')).toBeInTheDocument();
  });

  it('filters by class on the API and exports the same filters as CSV', async () => {
    const downloads = captureDownloads();
    const { user } = renderApp('/fees?tab=dues');
    await screen.findByTestId('dues-summary');
    await user.click(screen.getByRole('textbox', { name: 'Class' }));
    await user.click(await screen.findByRole('option', { name: 'Class 6' }));
    await waitFor(() =>
      expect(api.requestsTo('GET /api/v1/fees/reports/defaulters').at(-1)?.query.get('classId')).toBe(CLASS6),
    );
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(downloads.files).toHaveLength(1));
    expect(downloads.files[0]?.name).toBe('fee-defaulters-2026-11-20.csv');
    expect(await blobText(downloads.files[0]!.blob)).toMatch(/^admission_no,name/);
    const exported = api.requestsTo('GET /api/v1/fees/reports/defaulters/export')[0];
    expect(exported?.query.get('classId')).toBe(CLASS6);
    expect(exported?.headers.get('Authorization')).toMatch(/^Bearer /);
  });

  it('says nobody owes anything when the list is empty', async () => {
    api.on('GET /api/v1/fees/reports/defaulters', {
      status: 200,
      body: { ...defaulters, items: [], count: 0, totalOutstanding: 0 },
    });
    renderApp('/fees?tab=dues');
    expect(await screen.findByText(/No one owes fees due by/)).toBeInTheDocument();
  });
});

describe('collections', () => {
  const report = (groupBy: 'day' | 'head'): CollectionsReport => ({
    from: '2026-11-01',
    to: '2026-11-20',
    groupBy,
    currency: 'INR',
    totalCollected: 1_750_000,
    items:
      groupBy === 'day'
        ? [
            { key: '2026-11-02', label: '2026-11-02', amount: 1_000_000 },
            { key: '2026-11-05', label: '2026-11-05', amount: 500_000 },
            { key: '2026-11-09', label: '2026-11-09', amount: 250_000 },
          ]
        : [
            { key: TUITION, label: 'Tuition', amount: 1_500_000 },
            { key: TRANSPORT, label: 'Transport', amount: 250_000 },
          ],
  });

  beforeEach(() => {
    api = givenOffice().on('GET /api/v1/fees/reports/collections', (request) => ({
      status: 200,
      body: report(request.query.get('groupBy') === 'head' ? 'head' : 'day'),
    }));
  });

  it('draws one bar per day, longest for the most collected, with the total', async () => {
    renderApp('/fees?tab=collections');
    expect(await screen.findByTestId('collections-total')).toHaveTextContent('Collected ₹17,500.00');
    const chart = screen.getByRole('img', { name: /^Collections by day/ });
    const bars = within(chart as unknown as HTMLElement).getAllByTestId('bar');
    expect(bars.map((bar) => bar.getAttribute('data-value'))).toEqual(['1000000', '500000', '250000']);
    expect(bars[0]?.querySelector('title')?.textContent).toBe('2 Nov 2026: ₹10,000.00');
    const widths = bars.map((bar) => Number(bar.querySelector('rect')?.getAttribute('width')));
    expect(widths[0]).toBeGreaterThan(widths[1]!);
    expect(widths[1]).toBeCloseTo(widths[0]! / 2, 0);
    expect(screen.getByRole('table', { name: 'Collections by day' })).toBeInTheDocument();
  });

  it('regroups by head on the API', async () => {
    const { user } = renderApp('/fees?tab=collections');
    await screen.findByTestId('collections-total');
    await user.click(screen.getByText('Head'));
    const chart = await screen.findByRole('img', { name: /^Collections by head/ });
    const bars = within(chart as unknown as HTMLElement).getAllByTestId('bar');
    expect(bars.map((bar) => bar.getAttribute('data-label'))).toEqual(['Tuition', 'Transport']);
    expect(api.requestsTo('GET /api/v1/fees/reports/collections').at(-1)?.query.get('groupBy')).toBe('head');
  });

  it('refuses a range that ends before it starts without asking the API', async () => {
    renderApp('/fees?tab=collections');
    await screen.findByTestId('collections-total');
    const calls = api.requestsTo('GET /api/v1/fees/reports/collections').length;
    fireEvent.input(screen.getByLabelText('To'), { target: { value: '2020-01-01' } });
    expect(await screen.findByText('The start date must be on or before the end date.')).toBeInTheDocument();
    expect(api.requestsTo('GET /api/v1/fees/reports/collections')).toHaveLength(calls);
  });
});
