import {
  type PlanVersionDocument,
  actionStatusNames,
  numberedByPositionNote,
  ownerLevelNames,
  decisionInWords,
} from '@tracker/shared';

/**
 * The columns of the spreadsheet and CSV exports, in order: one row per action with its
 * recommendation's columns repeated. The import reads the same layout.
 */
export const columns = [
  'Source PDU',
  'Recommendation number',
  'Recommendation',
  'Numbered by position',
  'Owner level',
  'Response',
  'Rationale',
  'Action ID',
  'Action',
  'Description',
  'Owning unit',
  'Owner',
  'Start date',
  'Due date',
  'Due date change reason',
  'Status',
  'Percent complete',
  'Success measure',
  'RAG',
  'Evidence',
  'Last updated',
] as const;
export type Column = (typeof columns)[number];

/** Columns holding calendar dates, written as real dates in a workbook. */
export const dateColumns: Column[] = ['Start date', 'Due date'];

export type ExportRow = Record<Column, string | number | null>;

/** A recommendation without actions still gets a row, so every recommendation is listed. */
export function exportRows(document: PlanVersionDocument): ExportRow[] {
  return document.recommendations.flatMap((recommendation): ExportRow[] => {
    const shared = {
      'Source PDU': recommendation.sourcePdu.name,
      'Recommendation number': recommendation.number,
      // Said in words where the letter leaves the item unnumbered; the import ignores it.
      'Numbered by position': recommendation.numberedByPosition
        ? `Yes (${numberedByPositionNote})`
        : null,
      Recommendation: recommendation.text,
      'Owner level': ownerLevelNames[recommendation.ownerLevel],
      Response: recommendation.response ? decisionInWords(recommendation.response) : null,
      Rationale: recommendation.response?.rationale ?? null,
    };
    const noAction = {
      'Action ID': null,
      Action: null,
      Description: null,
      'Owning unit': null,
      Owner: null,
      'Start date': null,
      'Due date': null,
      'Due date change reason': null,
      Status: null,
      'Percent complete': null,
      'Success measure': null,
      RAG: null,
      Evidence: null,
      'Last updated': null,
    };
    if (recommendation.actions.length === 0) return [{ ...shared, ...noAction }];
    return recommendation.actions.map((action) => ({
      ...shared,
      'Action ID': action.id,
      Action: action.title,
      Description: action.description,
      'Owning unit': action.owningUnit.name,
      Owner: action.owner?.name ?? null,
      'Start date': action.startDate,
      'Due date': action.dueDate,
      'Due date change reason': null,
      Status: actionStatusNames[action.status],
      'Percent complete': action.percentComplete,
      'Success measure': action.successMeasure,
      RAG: action.rag ? action.rag.toUpperCase() : null,
      Evidence: action.evidence.map((item) => item.title).join('; ') || null,
      'Last updated': action.updatedAt,
    }));
  });
}
