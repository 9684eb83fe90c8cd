import { Tabs } from '@mantine/core';
import { Suspense, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';

export interface PageTab {
  key: string;
  label: string;
  panel: ReactNode;
}

/**
 * A page's tabs with the open one kept in `?tab=` (other query parameters stay). A missing, unknown or
 * not-allowed tab opens the first one; a panel mounts only while open, so a tab the user never opens
 * fetches nothing.
 */
export function PageTabs({ tabs }: { tabs: PageTab[] }) {
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const active = tabs.find((tab) => tab.key === asked)?.key ?? tabs[0]?.key ?? null;
  return (
    <Tabs
      value={active}
      onChange={(value) =>
        setParams(
          (current) => {
            const next = new URLSearchParams(current);
            if (value) next.set('tab', value);
            return next;
          },
          { replace: true },
        )
      }
      keepMounted={false}
    >
      <Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.key} value={tab.key}>
            {tab.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((tab) => (
        <Tabs.Panel key={tab.key} value={tab.key} pt="md">
          <Suspense fallback={null}>{tab.panel}</Suspense>
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
