import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarEventInput, CalendarFeedView, CalendarItemView, Page } from '@shala/contracts';
import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';
import { useInstitutionId } from '../../auth/hooks/current-user';

export const calendarKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'calendar'),
  items: (institutionId: string, from: string, to: string) =>
    tenantKey(institutionId, 'calendar', 'items', from, to),
  feed: (institutionId: string) => tenantKey(institutionId, 'calendar', 'feed'),
};

const base = '/v1/calendar';
/** A month holds far fewer items than this; the loop below still follows every page. */
const PAGE = 200;

/** Every item from..to (the API pages them; a month or a term is a page or two). */
export async function fetchCalendarItems(from: string, to: string, signal?: AbortSignal) {
  const items: CalendarItemView[] = [];
  let cursor: string | null = null;
  do {
    const params: Record<string, string | number> = { from, to, limit: PAGE };
    if (cursor) params.cursor = cursor;
    const { data }: { data: Page<CalendarItemView> } = await apiClient.get<Page<CalendarItemView>>(
      `${base}/items`,
      { params, signal },
    );
    items.push(...data.items);
    cursor = data.nextCursor;
  } while (cursor);
  return items;
}

export async function createCalendarEvent(body: CalendarEventInput) {
  const { data } = await apiClient.post<CalendarItemView>(`${base}/events`, body);
  return data;
}

export async function changeCalendarEvent({ id, body }: { id: string; body: CalendarEventInput }) {
  const { data } = await apiClient.put<CalendarItemView>(`${base}/events/${encodeURIComponent(id)}`, body);
  return data;
}

export async function removeCalendarEvent(id: string) {
  await apiClient.delete(`${base}/events/${encodeURIComponent(id)}`);
}

export async function fetchCalendarFeed(signal?: AbortSignal) {
  const { data } = await apiClient.get<CalendarFeedView>(`${base}/feed`, { signal });
  return data;
}

export async function issueCalendarFeed() {
  const { data } = await apiClient.post<CalendarFeedView>(`${base}/feed`);
  return data;
}

export async function revokeCalendarFeed() {
  await apiClient.delete(`${base}/feed`);
}

/** GET calendar/items?from&to: events, holidays and exam days the caller may see. */
export function useCalendarItems(from: string, to: string) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: calendarKeys.items(institutionId, from, to),
    queryFn: ({ signal }) => fetchCalendarItems(from, to, signal),
  });
}

function useCalendarMutation<V, R>(fn: (variables: V) => Promise<R>) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all(institutionId) }),
  });
}

/** POST calendar/events */
export function useCreateCalendarEvent() {
  return useCalendarMutation(createCalendarEvent);
}

/** PUT calendar/events/:id */
export function useChangeCalendarEvent() {
  return useCalendarMutation(changeCalendarEvent);
}

/** DELETE calendar/events/:id */
export function useRemoveCalendarEvent() {
  return useCalendarMutation(removeCalendarEvent);
}

/** GET calendar/feed: whether the school's iCalendar feed is live. */
export function useCalendarFeed(enabled: boolean) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: calendarKeys.feed(institutionId),
    queryFn: ({ signal }) => fetchCalendarFeed(signal),
    enabled,
  });
}

/** POST calendar/feed: creates or rotates the feed; the answer holds its secret path, once. */
export function useIssueCalendarFeed() {
  return useCalendarMutation(issueCalendarFeed);
}

/** DELETE calendar/feed */
export function useRevokeCalendarFeed() {
  return useCalendarMutation(revokeCalendarFeed);
}
