import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import type { Ref } from 'react';

/**
 * Mantine's PasswordInput marks an invalid field only with data-invalid; screen readers need aria-invalid
 * (TextInput sets it, PasswordInput does not). Every password field of the SPA goes through here.
 */
export function PasswordField({ ref, ...props }: PasswordInputProps & { ref?: Ref<HTMLInputElement> }) {
  return <PasswordInput ref={ref} {...props} aria-invalid={props.error ? true : undefined} />;
}
