import { render } from '@testing-library/react';
import { createRef, forwardRef } from 'react';
import { describe, expect, it } from 'vitest';

describe('forwardRef (react.ts, what `react` resolves to)', () => {
  it('gives the render function the ref, and props without it', () => {
    const seen: Record<string, unknown>[] = [];
    const Field = forwardRef<HTMLInputElement, { label: string }>(function LabelledInput(props, ref) {
      seen.push({ ...props });
      return <input aria-label={props.label} ref={ref} />;
    });
    const ref = createRef<HTMLInputElement>();
    const { getByLabelText } = render(<Field label="Name" ref={ref} />);
    expect(ref.current).toBe(getByLabelText('Name'));
    expect(seen.at(-1)).toEqual({ label: 'Name' });
    expect(Field.displayName).toBe('ForwardRef(LabelledInput)');
  });

  it('renders a component given no ref with a null ref', () => {
    const refs: unknown[] = [];
    const Plain = forwardRef<HTMLSpanElement, { text: string }>(function Plain({ text }, ref) {
      refs.push(ref);
      return <span>{text}</span>;
    });
    const { getByText } = render(<Plain text="hello" />);
    expect(getByText('hello')).toBeTruthy();
    expect(refs).toEqual([null]);
  });
});
