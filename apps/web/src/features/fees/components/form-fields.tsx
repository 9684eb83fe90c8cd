import { NumberInput, Select, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';

/**
 * A number field of a react-hook-form form: rupees with two decimals (money), a percentage, or whole days.
 * An emptied field holds undefined, so the form's zod schema names what is missing.
 */
export function NumberField<T extends FieldValues>({
  control,
  name,
  label,
  description,
  error,
  decimals = 2,
  required,
}: {
  control: Control<T>;
  name: Path<T>;
  label: string;
  description?: string;
  error?: string;
  decimals?: number;
  required?: boolean;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <NumberInput
          label={label}
          description={description}
          decimalScale={decimals}
          allowDecimal={decimals > 0}
          min={0}
          thousandSeparator={decimals === 2 ? ',' : undefined}
          value={typeof field.value === 'number' ? field.value : ''}
          onChange={(value) => field.onChange(typeof value === 'number' ? value : undefined)}
          onBlur={field.onBlur}
          error={error}
          required={required}
        />
      )}
    />
  );
}

/** A select of a react-hook-form form; clearing it falls back to `fallback` ('' when nothing is chosen). */
export function SelectField<T extends FieldValues>({
  control,
  name,
  label,
  data,
  error,
  fallback = '',
  required,
  w,
}: {
  control: Control<T>;
  name: Path<T>;
  label: string;
  data: { value: string; label: string; disabled?: boolean }[];
  error?: string;
  fallback?: string;
  required?: boolean;
  w?: number;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Select
          label={label}
          data={data}
          value={typeof field.value === 'string' && field.value ? field.value : null}
          onChange={(value) => field.onChange(value ?? fallback)}
          error={error}
          required={required}
          allowDeselect={Boolean(!fallback)}
          searchable={data.length > 8}
          w={w}
        />
      )}
    />
  );
}

/** A list without bullets (rows, cards), named for screen readers. */
export function PlainList({
  label,
  children,
  gap = 'xs',
}: {
  label: string;
  children: ReactNode;
  gap?: string;
}) {
  return (
    <Stack component="ul" gap={gap} p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
      {children}
    </Stack>
  );
}
