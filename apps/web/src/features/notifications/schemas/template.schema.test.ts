import { describe, expect, it } from 'vitest';
import { smsParts } from '../components/template-preview';
import { dltTextOf, placeholdersOf, renderTemplate, variableProblems } from './template.schema';

const kind = { variables: ['student', 'date', 'status', 'school'], required: ['student', 'date'] };

describe('template variables', () => {
  it('reads placeholders the way the API does, spaces inside the braces allowed, each once', () => {
    expect(placeholdersOf('{{ student }} on {{date}}; {{student}} {{1bad}} {student}')).toEqual([
      'student',
      'date',
    ]);
  });

  it('names the variables the event does not provide and the required ones left out', () => {
    expect(variableProblems(kind, ['student', 'grade'])).toEqual({ unknown: ['grade'], missing: ['date'] });
    expect(variableProblems(kind, ['student', 'date'])).toEqual({ unknown: [], missing: [] });
  });

  it('renders sample values and leaves an unknown placeholder visible', () => {
    expect(renderTemplate('{{student}} scored {{grade}}', { student: 'Anika' })).toBe(
      'Anika scored {{grade}}',
    );
  });

  it('turns an SMS body into its DLT registration text', () => {
    expect(dltTextOf('Dear parent, {{student}} was {{ status }} on {{date}}.')).toBe(
      'Dear parent, {#var#} was {#var#} on {#var#}.',
    );
  });

  it('counts SMS parts: 160 plain characters in one, 153 per part after; 70 and 67 in Unicode', () => {
    expect(smsParts('a'.repeat(160))).toBe(1);
    expect(smsParts('a'.repeat(161))).toBe(2);
    expect(smsParts('अ'.repeat(70))).toBe(1);
    expect(smsParts('अ'.repeat(71))).toBe(2);
    expect(smsParts('')).toBe(0);
  });
});
