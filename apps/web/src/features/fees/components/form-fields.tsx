import { NumberInput, Select } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';

/**
 * A number field of a react-hook-form form: rupees with two decimals (money), a percentage, or whole days.
 * An emptied field holds undefined, so the form's zod schema names what is missing.
 */
export function NumberField<T extends FieldValues>({
  control,
  name,
  ...props
}: {
  control: Control<T>;
  name: Path<T>;
} & NumberBoxProps) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <NumberBox
          {...props}
          value={typeof field.value === 'number' ? field.value : undefined}
          onChange={field.onChange}
          onBlur={field.onBlur}
        />
      )}
    />
  );
}

interface NumberBoxProps {
  label: string;
  description?: string;
  error?: string;
  decimals?: number;
  required?: boolean;
}

/**
 * Mantine hands a half-typed number ("12.", "") to onChange as a string: the box keeps what is typed and
 * tells the form the number it means (12), or undefined while there is none.
 */
function NumberBox({
  label,
  description,
  error,
  decimals = 2,
  required,
  value,
  onChange,
  onBlur,
}: NumberBoxProps & {
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  onBlur: () => void;
}) {
  const [text, setText] = useState<string | number>(value ?? '');
  const meant = (typed: string | number) => {
    const n = typeof typed === 'number' ? typed : typed.trim() === '' ? NaN : Number(typed);
    return Number.isFinite(n) ? n : undefined;
  };
  // A reset from outside (the form saved, or loaded other values) shows the new value.
  useEffect(() => {
    if (meant(text) !== value) setText(value ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only an outside change of value resets the text
  }, [value]);
  return (
    <NumberInput
      label={label}
      description={description}
      decimalScale={decimals}
      allowDecimal={decimals > 0}
      min={0}
      thousandSeparator={decimals === 2 ? ',' : undefined}
      value={text}
      onChange={(typed) => {
        setText(typed);
        onChange(meant(typed));
      }}
      onBlur={onBlur}
      error={error}
      required={required}
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
