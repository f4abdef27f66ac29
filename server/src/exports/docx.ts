import {
  type PlanVersionDocument,
  type VersionRecommendation,
  actionStatusNames,
  responseDecisionNames,
} from '@tracker/shared';
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const inWords = (date: string) => longDate.format(new Date(`${date}T00:00:00Z`));

const headings = ['No.', 'Recommendation', 'Response', 'Actions', 'Evidence'];

function cell(paragraphs: Paragraph[]): TableCell {
  return new TableCell({ children: paragraphs.length > 0 ? paragraphs : [new Paragraph('')] });
}

function responseParagraphs(recommendation: VersionRecommendation): Paragraph[] {
  const response = recommendation.response;
  if (!response) return [new Paragraph('No response yet')];
  return [
    new Paragraph({
      children: [new TextRun({ text: responseDecisionNames[response.decision], bold: true })],
    }),
    ...(response.acceptedPart ? [new Paragraph(`Accepted: ${response.acceptedPart}`)] : []),
    ...(response.rationale ? [new Paragraph(response.rationale)] : []),
  ];
}

function actionParagraphs(recommendation: VersionRecommendation): Paragraph[] {
  return recommendation.actions.flatMap((action) => [
    new Paragraph({ children: [new TextRun({ text: action.title, bold: true })] }),
    new Paragraph(
      [
        `Owner: ${action.owner?.name ?? 'none'}`,
        `Target date: ${action.dueDate ? inWords(action.dueDate) : 'none'}`,
        `Status: ${actionStatusNames[action.status]}`,
      ].join('; '),
    ),
    ...action.dueDateHistory.map(
      (move) =>
        new Paragraph(
          `Date moved from ${move.fromDate ? inWords(move.fromDate) : 'none'} to ${move.toDate ? inWords(move.toDate) : 'none'}: ${move.reason}`,
        ),
    ),
  ]);
}

function evidenceParagraphs(recommendation: VersionRecommendation): Paragraph[] {
  return recommendation.actions.flatMap((action) =>
    action.evidence.map(
      (item) =>
        new Paragraph({
          text: item.fileName ? `${item.title} (${item.fileName})` : item.title,
          bullet: { level: 0 },
        }),
    ),
  );
}

/** A table per source PDU; its header row repeats on each page and tells screen readers the columns. */
function pduTable(recommendations: VersionRecommendation[]): Table {
  const header = new TableRow({
    tableHeader: true,
    children: headings.map((text) =>
      cell([new Paragraph({ children: [new TextRun({ text, bold: true })] })]),
    ),
  });
  const rows = recommendations.map(
    (recommendation) =>
      new TableRow({
        children: [
          cell([new Paragraph(String(recommendation.number))]),
          cell([new Paragraph(recommendation.text)]),
          cell(responseParagraphs(recommendation)),
          cell(actionParagraphs(recommendation)),
          cell(evidenceParagraphs(recommendation)),
        ],
      }),
  );
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] });
}

function bySourcePdu(document: PlanVersionDocument): Map<string, VersionRecommendation[]> {
  const groups = new Map<string, VersionRecommendation[]>();
  for (const recommendation of document.recommendations) {
    const name = recommendation.sourcePdu.name;
    groups.set(name, [...(groups.get(name) ?? []), recommendation]);
  }
  return groups;
}

/**
 * The plan as HMI Probation's published action plans look: the header, then a table per source
 * PDU. Real headings and header rows, so the document is navigable and accessible.
 */
export async function planDocx(document: PlanVersionDocument, submitted: boolean): Promise<Buffer> {
  const { header } = document;
  const dateLine = submitted
    ? `Action plan submitted: ${inWords(header.submittedOn)}`
    : `Live plan, not yet submitted, as at ${inWords(header.submittedOn)}`;
  const sections = [...bySourcePdu(document)].flatMap(([pdu, recommendations]) => [
    new Paragraph({ text: `${pdu} recommendations`, heading: HeadingLevel.HEADING_2 }),
    pduTable(recommendations),
  ]);
  const word = new Document({
    title: header.title,
    creator: header.submittedBy,
    sections: [
      {
        children: [
          new Paragraph({ text: header.title, heading: HeadingLevel.HEADING_1 }),
          new Paragraph(header.subtitle),
          new Paragraph(dateLine),
          ...(submitted ? [new Paragraph(`Submitted by: ${header.submittedBy}`)] : []),
          ...sections,
        ],
      },
    ],
  });
  return Packer.toBuffer(word);
}
