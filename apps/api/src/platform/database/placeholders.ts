/** `?, ?, ?`: `n` parameter placeholders for an IN list or a row of values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
