import { Tabs, type MantineSpacing } from '@mantine/core';
import { Suspense, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';

export interface PageTab {
  key: string;
  label: string;
  panel: ReactNode;
}

interface PageTabsProps {
  tabs: PageTab[];
  /**
   * Where the open tab lives when it is not `?tab=`: the page's path (/account, /account/security).
   * Give both, or neither, and only for state that is itself in the address: a tab kept in component
   * state is lost on reload, on sign-in again and in a shared link.
   */
  active?: string;
  onChange?: (key: string) => void;
  /** Space above each panel. */
  panelTop?: MantineSpacing;
}

/**
 * A page's tabs, the one way tabbed pages are built. The open one is kept in `?tab=` (other query
 * parameters stay) unless the page passes `active`/`onChange`. A missing, unknown or not-allowed tab
 * opens the first one; a panel mounts only while open, so a tab the user never opens fetches nothing.
 */
export function PageTabs({ tabs, active, onChange, panelTop = 'md' }: PageTabsProps) {
  const [params, setParams] = useSearchParams();
  const asked = active ?? params.get('tab');
  const open = tabs.find((tab) => tab.key === asked)?.key ?? tabs[0]?.key ?? null;
  const change =
    onChange ??
    ((value: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set('tab', value);
          return next;
        },
        { replace: true },
      ));
  return (
    <Tabs value={open} onChange={(value) => value && change(value)} keepMounted={false}>
      <Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.key} value={tab.key}>
            {tab.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((tab) => (
        <Tabs.Panel key={tab.key} value={tab.key} pt={panelTop}>
          <Suspense fallback={null}>{tab.panel}</Suspense>
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
