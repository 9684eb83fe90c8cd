import { useMediaQuery } from '@mantine/hooks';

/**
 * True below Mantine's `sm` breakpoint (48em, 768 px): lists switch from tables to stacked cards there, so
 * a 360 px phone shows each row whole, with its actions in reach, instead of a table to scroll sideways.
 */
export function usePhoneLayout(): boolean {
  return useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
}
