import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalendarViewer, reaches } from './calendar-audience';

const viewer = (sections: [classId: string, sectionId: string][]): CalendarViewer => ({
  kind: 'some',
  classIds: new Set(sections.map(([c]) => c)),
  sectionIds: new Set(sections.map(([, s]) => s)),
});

describe('who a calendar item reaches (AZ-03)', () => {
  const parent = viewer([['c5', 'c5a']]);

  it('reaches everyone with a whole-school item, and staff with every item', () => {
    expect(reaches(parent, 'school', [])).toBe(true);
    expect(reaches({ kind: 'all' }, 'classes', [{ classId: 'c9', sectionId: 'c9z' }])).toBe(true);
  });

  it('reaches a parent through their child\u2019s class or section only', () => {
    expect(reaches(parent, 'classes', [{ classId: 'c5', sectionId: null }])).toBe(true);
    expect(reaches(parent, 'classes', [{ classId: 'c5', sectionId: 'c5a' }])).toBe(true);
    expect(reaches(parent, 'classes', [{ classId: 'c5', sectionId: 'c5b' }])).toBe(false);
    expect(reaches(parent, 'classes', [{ classId: 'c6', sectionId: null }])).toBe(false);
    expect(reaches(parent, 'classes', [])).toBe(false);
    expect(reaches(viewer([]), 'classes', [{ classId: 'c5', sectionId: null }])).toBe(false);
  });

  it('never reaches a viewer through a class or section they are not in (property)', () => {
    const id = fc.constantFrom('c1', 'c2', 'c3');
    const target = fc.record({ classId: id, sectionId: fc.option(fc.constantFrom('a', 'b'), { nil: null }) });
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.constantFrom('a', 'b'))), fc.array(target), (mine, targets) => {
        const v = viewer(mine.map(([c, s]) => [c, `${c}${s}`]));
        const scoped = targets.map((t) => ({
          classId: t.classId,
          sectionId: t.sectionId && `${t.classId}${t.sectionId}`,
        }));
        const expected = scoped.some((t) =>
          t.sectionId === null
            ? mine.some(([c]) => c === t.classId)
            : mine.some(([c, s]) => `${c}${s}` === t.sectionId),
        );
        expect(reaches(v, 'classes', scoped)).toBe(expected);
      }),
    );
  });
});
