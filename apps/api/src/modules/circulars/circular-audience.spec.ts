import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikePdf, safePdfName } from './circular-attachments.service';
import { audienceOf, isAddressedTo, sectionsReached, type Addressing } from './circular-audience';

const CLASSES = ['c1', 'c2', 'c3'];
const SECTIONS = [
  { id: 's1', classId: 'c1' },
  { id: 's2', classId: 'c1' },
  { id: 's3', classId: 'c2' },
  { id: 's4', classId: 'c3' },
];

const circular = fc.oneof(
  fc.constant<Addressing>({ audience: 'school', targetIds: [] }),
  fc.constant<Addressing>({ audience: 'staff', targetIds: [] }),
  fc
    .uniqueArray(fc.constantFrom(...CLASSES), { minLength: 1 })
    .map((targetIds): Addressing => ({ audience: 'classes', targetIds })),
  fc
    .uniqueArray(fc.constantFrom(...SECTIONS.map((s) => s.id)), { minLength: 1 })
    .map((targetIds): Addressing => ({ audience: 'sections', targetIds })),
);
/** A family: their children's sections (and so classes). */
const family = fc.uniqueArray(fc.constantFrom(...SECTIONS), { maxLength: 3 }).map((sections) => ({
  kind: 'family' as const,
  sectionIds: sections.map((s) => s.id),
  classIds: [...new Set(sections.map((s) => s.classId))],
}));

describe('circular audience', () => {
  it('shows a family a circular exactly when it reaches one of their children\u2019s sections', () => {
    fc.assert(
      fc.property(circular, family, (c, f) => {
        const reached = new Set(sectionsReached(c, SECTIONS));
        expect(isAddressedTo(c, f)).toBe(f.sectionIds.some((s) => reached.has(s)) || c.audience === 'school');
      }),
    );
  });

  it('never shows a family a staff circular, nor staff one for classes or sections', () => {
    fc.assert(
      fc.property(circular, family, (c, f) => {
        if (c.audience === 'staff') expect(isAddressedTo(c, f)).toBe(false);
        if (c.audience === 'classes' || c.audience === 'sections')
          expect(isAddressedTo(c, { kind: 'staff' })).toBe(false);
      }),
    );
  });

  it('gives the list query the same answer as the rule (audiences open to all, or a named target)', () => {
    fc.assert(
      fc.property(circular, family, (c, f) => {
        const { audiences, targetIds } = audienceOf(f);
        const byQuery =
          audiences.includes(c.audience) ||
          ((c.audience === 'classes' || c.audience === 'sections') &&
            c.targetIds.some((id) => targetIds.includes(id)));
        expect(byQuery).toBe(isAddressedTo(c, f));
      }),
    );
  });
});

describe('circular attachment', () => {
  it('knows a PDF by its first bytes, not its name', () => {
    expect(looksLikePdf(Buffer.from('%PDF-1.7\n...'))).toBe(true);
    expect(looksLikePdf(Buffer.from('GIF89a'))).toBe(false);
    expect(looksLikePdf(Buffer.from('%PDF-'))).toBe(false);
    expect(looksLikePdf(Buffer.from(' %PDF-1.7'))).toBe(false);
  });

  it('keeps a safe file name ending in .pdf', () => {
    expect(safePdfName('Trip form<>.pdf')).toBe('Trip form_.pdf');
    expect(safePdfName('../../etc/passwd')).toBe('.._.._etc_passwd.pdf');
    expect(safePdfName(undefined)).toBe('circular.pdf');
    expect(safePdfName('अनुमति पत्र.PDF')).toBe('अनुमति पत्र.pdf');
  });
});
