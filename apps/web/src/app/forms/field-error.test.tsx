import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
// A feature's strings register when its code loads (app/i18n/registry.ts), as its forms would.
import '../../features/academics/i18n';
import { createI18n } from '../i18n';
import { useFieldError } from './field-error';

const i18n = createI18n();
const wrapper = ({ children }: { children: ReactNode }) => (
  <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
);

describe('useFieldError', () => {
  it("translates a zod message key of the feature's namespace, with values", () => {
    const { result } = renderHook(() => useFieldError('academics'), { wrapper });
    expect(result.current({ type: 'too_small', message: 'form.required' })).toBe('Required');
    expect(result.current('form.dateFormat')).toBe('Use a date like 2026-04-01');
  });

  it('translates the shared validation keys with their limits', () => {
    const { result } = renderHook(() => useFieldError(), { wrapper });
    expect(result.current({ message: 'validation.newPasswordTooShort' })).toBe('Use at least 12 characters');
  });

  it("shows the API's own text for a server error, and nothing for no error", () => {
    const { result } = renderHook(() => useFieldError('fees'), { wrapper });
    expect(result.current({ type: 'server', message: 'form.required' })).toBe('form.required');
    expect(result.current(undefined)).toBeUndefined();
    expect(result.current({ type: 'server' })).toBeUndefined();
  });
});
