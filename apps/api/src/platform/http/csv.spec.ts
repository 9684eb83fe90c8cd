import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv';

describe('csv', () => {
  it.each(['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd'])(
    '[APP-03] neutralises the formula %s',
    (value) => {
      const cell = csvCell(value);
      expect(cell.replace(/^"/, '')).toMatch(/^'/);
    },
  );

  it('quotes commas, quotes and new lines', () => {
    expect(csvRow(['a,b', 'say "hi"', 'two\nlines', 3, null])).toBe('"a,b","say ""hi""","two\nlines",3,\r\n');
  });

  it('leaves ordinary text alone', () => {
    expect(csvCell('Asha Verma')).toBe('Asha Verma');
  });
});
