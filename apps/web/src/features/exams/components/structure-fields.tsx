import { List, Text } from '@mantine/core';
import { toApiProblem } from '../../../app/api/errors';

/** A decimal as the API takes it (at most two decimals, no sign), or null when the text is not one. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** A number as text for an input ("" for none). */
export const numberText = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

/** Sum in hundredths, so 33.33 + 33.33 + 33.34 is exactly 100. */
export function sumOf(texts: string[]): number {
  return texts.reduce((sum, text) => sum + Math.round((parseDecimal(text) ?? 0) * 100), 0) / 100;
}

/** The API's error details by field ("terms.1.yearWeightage" -> message; several joined). */
export function detailsByField(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const detail of toApiProblem(error).details) {
    const field = typeof detail.field === 'string' ? detail.field : '';
    out[field] = out[field] ? `${out[field]}; ${detail.message}` : detail.message;
  }
  return out;
}

/** Details that found no field on screen, listed under the error alert so none is lost. */
export function UnplacedDetails({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <List size="sm" c="red" data-testid="unplaced-details">
      {messages.map((message) => (
        <List.Item key={message}>
          <Text size="sm" c="red">
            {message}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** A row's errors: server detail for the exact field first, then the local check (once shown). */
export function pick(server: Record<string, string>, field: string, local: string | null, show: boolean) {
  return server[field] ?? (show ? local : null) ?? null;
}
