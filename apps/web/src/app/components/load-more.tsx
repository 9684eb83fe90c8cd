import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The part of a TanStack infinite query that paging needs. */
interface CursorPages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

interface LoadMoreProps {
  query: CursorPages;
  /** Defaults to "Load more". */
  label?: string;
  variant?: 'default' | 'light';
  /** Centred under a table, instead of at the start of the line. */
  centered?: boolean;
}

/**
 * The "Load more" button under a cursor-paged list: shown only while the API says there is a next page,
 * busy while the next page loads.
 */
export function LoadMore({ query, label, variant = 'default', centered = false }: LoadMoreProps) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  const button = (
    <Button
      variant={variant}
      w={centered ? undefined : 'fit-content'}
      loading={query.isFetchingNextPage}
      onClick={() => void query.fetchNextPage()}
    >
      {label ?? t('common.loadMore')}
    </Button>
  );
  return centered ? (
    <Group justify="center" p="md">
      {button}
    </Group>
  ) : (
    button
  );
}
