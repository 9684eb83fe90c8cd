import { Box, Card, Stack, Table, type TableProps } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { usePhoneLayout } from '../use-phone-layout';
import { PlainList } from './plain-list';

export interface ResponsiveColumn<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** Width of the column, such as 40 for a toggle. */
  width?: number;
}

interface ResponsiveListProps<T> {
  /** The accessible name of the table, and of the list on a phone. */
  label: string;
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The desktop table's columns. */
  columns: ResponsiveColumn<T>[];
  /** What a row's card holds on a phone. */
  card: (row: T) => ReactNode;
  /** Attributes of each row and card, such as a test id (`{ 'data-testid': 'register-row' }`). */
  rowProps?: (row: T) => Record<string, string | undefined>;
  /** Table props such as `striped` or `highlightOnHover`. */
  tableProps?: Omit<TableProps, 'children'>;
  /** Wraps the table in a horizontal scroll container this wide at the least. */
  minWidth?: number;
  /** On a phone: bordered cards with a gap (default), or rows divided by a line (inside a card). */
  phoneItems?: 'cards' | 'divided';
  /** Less space around each divided row. */
  compact?: boolean;
  /**
   * A row's details when it is expanded, or null: a full-width row under it on a desktop, the end of its
   * card on a phone. `id` is what the row's toggle names in aria-controls.
   */
  details?: (row: T) => { id: string; content: ReactNode } | null;
}

const dividerStyle = { borderTop: '1px solid var(--mantine-color-default-border)' };

/**
 * A list that is a table on a desktop and stacked cards below 768 px (usePhoneLayout), so a 360 px phone
 * shows each row whole, with its actions in reach, instead of a table to scroll sideways.
 */
export function ResponsiveList<T>(props: ResponsiveListProps<T>) {
  const { label, rows, rowKey, columns, card, rowProps, tableProps, minWidth, phoneItems } = props;
  const { compact, details } = props;
  const phone = usePhoneLayout();
  const cardOf = (row: T) => {
    const more = details?.(row);
    return (
      <>
        {card(row)}
        {more ? (
          <Box id={more.id} mt="xs">
            {more.content}
          </Box>
        ) : null}
      </>
    );
  };
  if (phone && phoneItems === 'divided') {
    return (
      <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
        {rows.map((row) => (
          <Box
            component="li"
            key={rowKey(row)}
            px="md"
            py={compact ? 'xs' : 'sm'}
            style={dividerStyle}
            {...rowProps?.(row)}
          >
            {cardOf(row)}
          </Box>
        ))}
      </Stack>
    );
  }
  if (phone) {
    return (
      <PlainList label={label}>
        {rows.map((row) => (
          <Card component="li" key={rowKey(row)} withBorder padding="sm" {...rowProps?.(row)}>
            {cardOf(row)}
          </Card>
        ))}
      </PlainList>
    );
  }
  const table = (
    <Table aria-label={label} {...tableProps}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) => (
            <Table.Th key={column.key} ta={column.align} w={column.width}>
              {column.header}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => {
          const more = details?.(row);
          return (
            <Fragment key={rowKey(row)}>
              <Table.Tr {...rowProps?.(row)}>
                {columns.map((column) => (
                  <Table.Td key={column.key} ta={column.align}>
                    {column.cell(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
              {more ? (
                <Table.Tr id={more.id}>
                  <Table.Td colSpan={columns.length} bg="var(--mantine-color-default-hover)">
                    {more.content}
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </Table>
  );
  return minWidth ? <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer> : table;
}
