import { MantineProvider } from '@mantine/core';
import { QueryClient } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { givenPhoneScreen } from '../../test/phone';
import { createI18n } from '../i18n';
import { AppProviders } from '../providers';
import { FormModal } from './form-modal';
import { LoadMore } from './load-more';
import { PageTabs } from './page-tabs';
import { ResponsiveList } from './responsive-list';

function renderWithApp(ui: ReactNode) {
  const router = createMemoryRouter([{ path: '/', element: ui }], { initialEntries: ['/'] });
  const view = render(
    <AppProviders queryClient={new QueryClient()} i18n={createI18n()} mantineEnv="test">
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, user: userEvent.setup() };
}

interface Fruit {
  id: string;
  name: string;
  price: number;
}
const fruits: Fruit[] = [
  { id: 'a', name: 'Apple', price: 30 },
  { id: 'b', name: 'Banana', price: 10 },
];

function FruitList() {
  return (
    <ResponsiveList
      label="Fruits"
      rows={fruits}
      rowKey={(fruit) => fruit.id}
      rowProps={() => ({ 'data-testid': 'fruit-row' })}
      columns={[
        { key: 'name', header: 'Name', cell: (fruit) => fruit.name },
        { key: 'price', header: 'Price', align: 'right', cell: (fruit) => `₹${fruit.price}` },
      ]}
      card={(fruit) => `${fruit.name} costs ₹${fruit.price}`}
    />
  );
}

describe('ResponsiveList', () => {
  it('is a table with a header per column on a desktop', () => {
    renderWithApp(<FruitList />);
    const table = screen.getByRole('table', { name: 'Fruits' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Name', 'Price']);
    expect(screen.getAllByTestId('fruit-row').map((row) => row.textContent)).toEqual([
      'Apple₹30',
      'Banana₹10',
    ]);
    expect(screen.queryByRole('list', { name: 'Fruits' })).not.toBeInTheDocument();
  });

  it('is a list of cards on a phone, with the same row attributes', () => {
    givenPhoneScreen();
    renderWithApp(<FruitList />);
    const list = screen.getByRole('list', { name: 'Fruits' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Apple costs ₹30', 'Banana costs ₹10']);
    expect(screen.getAllByTestId('fruit-row')).toHaveLength(2);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});

describe('ResponsiveList details', () => {
  it("puts an expanded row's details under it, named by id, on a desktop and on a phone", () => {
    const list = (
      <ResponsiveList
        label="Fruits"
        rows={fruits}
        rowKey={(fruit) => fruit.id}
        columns={[{ key: 'name', header: 'Name', cell: (fruit) => fruit.name }]}
        card={(fruit) => fruit.name}
        details={(fruit) => (fruit.id === 'b' ? { id: 'banana-details', content: 'Yellow' } : null)}
      />
    );
    const { unmount } = renderWithApp(list);
    const rows = within(screen.getByRole('table', { name: 'Fruits' })).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual(['Name', 'Apple', 'Banana', 'Yellow']);
    expect(rows[3]).toHaveAttribute('id', 'banana-details');
    unmount();
    givenPhoneScreen();
    renderWithApp(list);
    const items = within(screen.getByRole('list', { name: 'Fruits' })).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual(['Apple', 'BananaYellow']);
  });
});

describe('LoadMore', () => {
  it('asks for the next page, and is not there once the API says there is none', async () => {
    const fetchNextPage = vi.fn(() => Promise.resolve());
    const { user, rerender } = renderWithApp(
      <LoadMore query={{ hasNextPage: true, isFetchingNextPage: false, fetchNextPage }} />,
    );
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(fetchNextPage).toHaveBeenCalledTimes(1);
    rerender(
      <MantineProvider env="test">
        <LoadMore query={{ hasNextPage: false, isFetchingNextPage: false, fetchNextPage }} label="Older" />
      </MantineProvider>,
    );
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});

describe('FormModal', () => {
  it('submits the form, closes on cancel, and shows the request error above the fields', async () => {
    const onSubmit = vi.fn((event: { preventDefault: () => void }) => event.preventDefault());
    const onClose = vi.fn();
    const { user } = renderWithApp(
      <FormModal
        onClose={onClose}
        title="Rename"
        onSubmit={onSubmit}
        submitLabel="Save"
        busy={false}
        error={new Error('boom')}
        errorTitle="That did not work"
      >
        <input aria-label="Name" />
      </FormModal>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Rename' });
    expect(within(dialog).getByText('That did not work')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    // The corner X is a button with a name, for screen readers and keyboard users.
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});

describe('PageTabs', () => {
  const tabs = [
    { key: 'one', label: 'One', panel: <p>first panel</p> },
    { key: 'two', label: 'Two', panel: <p>second panel</p> },
  ];

  it('keeps the open tab in ?tab= and opens the first for an unknown one', async () => {
    const { user, router } = renderWithApp(<PageTabs tabs={tabs} />);
    expect(screen.getByText('first panel')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Two' }));
    expect(await screen.findByText('second panel')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?tab=two');
    expect(screen.queryByText('first panel')).not.toBeInTheDocument();
  });

  it('leaves the URL alone when the page keeps the open tab itself', async () => {
    const onChange = vi.fn();
    const { user, router } = renderWithApp(<PageTabs tabs={tabs} active="two" onChange={onChange} />);
    expect(screen.getByText('second panel')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'One' }));
    expect(onChange).toHaveBeenCalledWith('one');
    expect(router.state.location.search).toBe('');
  });
});
