import type { ExamStructureView, ExamTermView } from '@shala/contracts';
import { useReplaceAssessments, useReplaceTerms } from '../hooks/use-structure';
import { useExamsText } from '../i18n';
import { numberText, parseDecimal } from './structure-fields';
import { WeightedListEditor, type ListColumn } from './structure-list-editor';

/** The year's terms: name, dates, year weightage; Save sends the whole list. */
export function TermsEditor({
  structure,
  onSaved,
  onClose,
}: {
  structure: ExamStructureView;
  onSaved: () => void;
  onClose: () => void;
}) {
  const t = useExamsText();
  const replace = useReplaceTerms();
  const columns: ListColumn[] = [
    { key: 'name', label: t('structureEdit.name'), type: 'text' },
    { key: 'startsOn', label: t('structureEdit.startsOn'), type: 'date' },
    { key: 'endsOn', label: t('structureEdit.endsOn'), type: 'date' },
    { key: 'yearWeightage', label: t('structureEdit.yearWeightage'), type: 'weight' },
  ];
  const scaleOf = new Map(structure.terms.map((term) => [term.id, term.gradingScaleId] as const));
  return (
    <WeightedListEditor
      title={t('structureEdit.termsTitle')}
      list="terms"
      columns={columns}
      weightKey="yearWeightage"
      initial={structure.terms.map((term) => ({
        key: term.id,
        id: term.id,
        values: {
          name: term.name,
          startsOn: term.startsOn,
          endsOn: term.endsOn,
          yearWeightage: numberText(term.yearWeightage),
        },
      }))}
      blank={() => ({ name: '', startsOn: '', endsOn: '', yearWeightage: '' })}
      addLabel={t('structureEdit.addTerm')}
      check={(values): Record<string, string> =>
        values.startsOn && values.endsOn && values.endsOn < values.startsOn
          ? { endsOn: t('structureEdit.endsBeforeStart') }
          : {}
      }
      busy={replace.isPending}
      save={(rows) =>
        replace.mutateAsync({
          academicYearId: structure.academicYearId,
          terms: rows.map((row) => ({
            ...(row.id ? { id: row.id } : {}),
            name: (row.values.name ?? '').trim(),
            startsOn: row.values.startsOn ?? '',
            endsOn: row.values.endsOn ?? '',
            yearWeightage: parseDecimal(row.values.yearWeightage ?? '') ?? 0,
            // A kept term keeps its grading scale.
            gradingScaleId: row.id ? (scaleOf.get(row.id) ?? null) : null,
          })),
        })
      }
      onSaved={onSaved}
      onClose={onClose}
    />
  );
}

/** A term's assessments: name, code, term weightage; Save sends the whole list. */
export function AssessmentsEditor({
  term,
  onSaved,
  onClose,
}: {
  term: ExamTermView;
  onSaved: () => void;
  onClose: () => void;
}) {
  const t = useExamsText();
  const replace = useReplaceAssessments();
  const columns: ListColumn[] = [
    { key: 'name', label: t('structureEdit.name'), type: 'text' },
    { key: 'code', label: t('structureEdit.code'), type: 'text' },
    { key: 'termWeightage', label: t('structureEdit.termWeightage'), type: 'weight' },
  ];
  return (
    <WeightedListEditor
      title={t('structureEdit.assessmentsTitle', { term: term.name })}
      list="assessments"
      columns={columns}
      weightKey="termWeightage"
      initial={term.assessments.map((a) => ({
        key: a.id,
        id: a.id,
        values: { name: a.name, code: a.code, termWeightage: numberText(a.termWeightage) },
      }))}
      blank={() => ({ name: '', code: '', termWeightage: '' })}
      addLabel={t('structureEdit.addAssessment')}
      busy={replace.isPending}
      save={(rows) =>
        replace.mutateAsync({
          termId: term.id,
          assessments: rows.map((row) => ({
            ...(row.id ? { id: row.id } : {}),
            name: (row.values.name ?? '').trim(),
            code: (row.values.code ?? '').trim(),
            termWeightage: parseDecimal(row.values.termWeightage ?? '') ?? 0,
          })),
        })
      }
      onSaved={onSaved}
      onClose={onClose}
    />
  );
}
