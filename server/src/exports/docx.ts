import {
  type OwnerLevel,
  type PlanVersionDocument,
  type ResponseDecision,
  type VersionAction,
  type VersionMeasure,
  type VersionRecommendation,
  actionStatusNames,
  decisionInWords,
  numberedByPositionNote,
  responseDecisionNames,
} from '@tracker/shared';
import {
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

import { changeSentences } from './changes-in-words';
import { inWords } from './dates';
import type { Edition, Since } from './edition';

/**
 * The plan in the layout of the action plans HMI Probation publishes: the dates the plan was
 * submitted and the report published, what "agreed", "partly agreed" and "not agreed" mean, then
 * for each recommendation its response and, one row each, its actions with their owners, target
 * dates, status and success measures, grouped as the letter groups them (by source PDU, then what
 * the PDU, the region and HMPPS should do). Landscape, because such a table is wide.
 */

/** A4 landscape with 1.27 cm margins leaves 15,398 twips (about 27 cm) for a table. */
const margin = 720;
const textWidth = 16838 - 2 * margin;

/** Table text is 9 pt (docx counts half-points); the document's body is 11 pt. */
const tableSize = 18;

interface Column {
  heading: string;
  width: number;
}

/** The published layout's columns, with a status and a success measure per action. */
const planColumns: Column[] = [
  { heading: 'No.', width: 560 },
  { heading: 'Recommendation', width: 2700 },
  { heading: 'Agreed, partly agreed or not agreed', width: 1200 },
  { heading: 'Response', width: 2600 },
  { heading: 'Action', width: 2700 },
  { heading: 'Owner', width: 1500 },
  { heading: 'Target date', width: 1300 },
  { heading: 'Status', width: 1100 },
  { heading: 'Success measure', width: 1738 },
];

/** How the letter heads each group of a PDU's recommendations. */
const groupHeadings: Record<OwnerLevel, string> = {
  pdu: 'What the PDU should do',
  region: 'What the region should do',
  hmpps: 'What HM Prison and Probation Service should do',
};

/** In our own words: what each answer commits the region to. */
const definitions: [ResponseDecision, string, string][] = [
  [
    'agreed',
    'The whole recommendation is accepted: it can be done and it is affordable.',
    'The response says how it will be done. Each action is specific, measurable and dated, so ' +
      'its progress can be tracked.',
  ],
  [
    'partly_agreed',
    'Part of the recommendation is accepted and will be carried out; the rest cannot be, for ' +
      'reasons of policy, commissioning, operations or cost.',
    'The response says which part is accepted and why the rest is not; the actions deliver ' +
      'the accepted part and are tracked like any other.',
  ],
  [
    'not_agreed',
    'The recommendation is not accepted and will not be carried out.',
    'The response gives the reasons. There are no actions.',
  ],
  [
    'addressed_by',
    'The recommendation is answered by the actions of another recommendation, named in the ' +
      'response (often one that repeats it, in this letter or another).',
    'The response says how the other recommendation answers it. It has no actions of its own.',
  ],
];

const introduction =
  'HM Inspectorate of Probation inspects probation services in England and Wales and reports ' +
  'on how effective they are. The service inspected answers each recommendation of the report ' +
  'in this action plan: whether it is agreed, partly agreed or not agreed (defined below) and, ' +
  'where it is agreed in whole or in part, the actions that will carry it out, each with its ' +
  'owner, target date and the measure of its success. Delivery is tracked against this plan, ' +
  'and the inspectorate reviews the progress made.';

/** Headings in the body's font, black and bold, with room above them: a plain printed report. */
const heading = (size: number) => ({
  run: { font: 'Arial', size, bold: true, color: '000000' },
  paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
});

/** A run of table text; lines the writer broke stay broken. */
function runs(text: string, options: { bold?: boolean; size?: number } = {}): TextRun[] {
  return text
    .split(/\r?\n/)
    .map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : 0, ...options }));
}

function small(text: string, options: { bold?: boolean } = {}): Paragraph {
  return new Paragraph({ children: runs(text, { ...options, size: tableSize }) });
}

function labelled(label: string, text: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text: `${label}: `, bold: true }), ...runs(text)],
  });
}

function cell(paragraphs: Paragraph[], options: { rowSpan?: number; columnSpan?: number } = {}) {
  return new TableCell({
    children: paragraphs.length > 0 ? paragraphs : [small('')],
    ...options,
  });
}

/** A header row that repeats on every page the table runs onto, and tells screen readers the columns. */
function headerRow(headings: string[]): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headings.map(
      (heading) =>
        new TableCell({
          children: [small(heading, { bold: true })],
          shading: { type: ShadingType.CLEAR, fill: 'DDDDDD', color: 'auto' },
        }),
    ),
  });
}

function table(columns: Column[], rows: TableRow[]): Table {
  const total = columns.reduce((sum, column) => sum + column.width, 0);
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: columns.map((column) => column.width),
    layout: TableLayoutType.FIXED,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [headerRow(columns.map((column) => column.heading)), ...rows],
  });
}

function definitionsTable(): Table {
  return table(
    [
      { heading: 'Term', width: 2000 },
      { heading: 'Definition', width: 6000 },
      { heading: 'What the plan then gives', width: textWidth - 8000 },
    ],
    definitions.map(
      ([decision, meaning, consequence]) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell([small(responseDecisionNames[decision], { bold: true })]),
            cell([small(meaning)]),
            cell([small(consequence)]),
          ],
        }),
    ),
  );
}

function measureLine(measure: VersionMeasure): string {
  const parts = [
    `${measure.name}: baseline ${measure.baseline.value} ${measure.unit} (${measure.baseline.period})`,
    measure.target
      ? `target ${measure.target.value}${measure.target.date ? ` by ${inWords(measure.target.date)}` : ''}`
      : 'no target set',
    ...(measure.latestReading
      ? [`latest ${measure.latestReading.value} on ${inWords(measure.latestReading.readingDate)}`]
      : []),
  ];
  return parts.join('; ');
}

function responseParagraphs(recommendation: VersionRecommendation): Paragraph[] {
  const { response, outcomeMeasures } = recommendation;
  return [
    ...(response?.acceptedPart ? [small(`The part agreed: ${response.acceptedPart}`)] : []),
    ...(response?.rationale ? [small(response.rationale)] : []),
    ...(outcomeMeasures.length > 0
      ? [
          small('Outcome measures', { bold: true }),
          ...outcomeMeasures.map((measure) => small(measureLine(measure))),
        ]
      : []),
  ];
}

function actionParagraphs(action: VersionAction): Paragraph[] {
  return [
    small(action.title, { bold: true }),
    ...(action.description ? [small(action.description)] : []),
    ...(action.evidence.length > 0
      ? [
          small('Evidence:'),
          ...action.evidence.map(
            (item) =>
              new Paragraph({
                children: runs(item.fileName ? `${item.title} (${item.fileName})` : item.title, {
                  size: tableSize,
                }),
                bullet: { level: 0 },
              }),
          ),
        ]
      : []),
  ];
}

function ownerParagraphs(action: VersionAction): Paragraph[] {
  return [
    small(action.owner?.name ?? 'No named owner'),
    ...(action.ownerRole ? [small(action.ownerRole)] : []),
    small(action.owningUnit.name),
  ];
}

function targetDateParagraphs(action: VersionAction): Paragraph[] {
  return [
    small(action.dueDate ? inWords(action.dueDate) : 'Not set'),
    ...action.dueDateHistory.map((move) =>
      small(
        `Moved from ${move.fromDate ? inWords(move.fromDate) : 'no date'}` +
          ` to ${move.toDate ? inWords(move.toDate) : 'no date'}: ${move.reason}`,
      ),
    ),
  ];
}

function statusParagraphs(action: VersionAction): Paragraph[] {
  return [
    small(actionStatusNames[action.status]),
    ...(action.status === 'in_progress' ? [small(`${action.percentComplete}% complete`)] : []),
    ...(action.cancelReason ? [small(action.cancelReason)] : []),
  ];
}

const actionCells = (action: VersionAction) => [
  cell(actionParagraphs(action)),
  cell(ownerParagraphs(action)),
  cell(targetDateParagraphs(action)),
  cell(statusParagraphs(action)),
  cell(action.successMeasure ? [small(action.successMeasure)] : [small('Not given')]),
];

/**
 * One row per action; the recommendation's own cells span them, so each action has its own
 * owner, target date, status and success measure in a column of its own.
 */
function recommendationRows(recommendation: VersionRecommendation): TableRow[] {
  const { actions, response } = recommendation;
  const span = Math.max(actions.length, 1);
  const own = [
    cell(
      [
        small(
          recommendation.numberedByPosition
            ? `${recommendation.number} (${numberedByPositionNote})`
            : String(recommendation.number),
        ),
      ],
      { rowSpan: span },
    ),
    cell([small(recommendation.text)], { rowSpan: span }),
    cell([small(response ? decisionInWords(response) : 'No response yet')], {
      rowSpan: span,
    }),
    cell(responseParagraphs(recommendation), { rowSpan: span }),
  ];
  if (actions.length === 0) {
    const none =
      response?.decision === 'not_agreed'
        ? 'None: not agreed'
        : response?.decision === 'addressed_by' && response.addressedBy
          ? `None of its own: addressed by ${response.addressedBy.label}`
          : 'No actions yet';
    return [new TableRow({ children: [...own, cell([small(none)], { columnSpan: 5 })] })];
  }
  return actions.map(
    (action, index) =>
      new TableRow({ children: [...(index === 0 ? own : []), ...actionCells(action)] }),
  );
}

/** Runs of recommendations under one source PDU and one owner level, in the letter's order. */
function lettersGroups(document: PlanVersionDocument) {
  const groups: { pdu: string; level: OwnerLevel; recommendations: VersionRecommendation[] }[] = [];
  for (const recommendation of document.recommendations) {
    const last = groups.at(-1);
    if (last?.pdu === recommendation.sourcePdu.name && last.level === recommendation.ownerLevel)
      last.recommendations.push(recommendation);
    else
      groups.push({
        pdu: recommendation.sourcePdu.name,
        level: recommendation.ownerLevel,
        recommendations: [recommendation],
      });
  }
  return groups;
}

function planSections(document: PlanVersionDocument): (Paragraph | Table)[] {
  return lettersGroups(document).flatMap((group, index, groups) => [
    ...(groups[index - 1]?.pdu === group.pdu
      ? []
      : [new Paragraph({ text: `${group.pdu} PDU`, heading: HeadingLevel.HEADING_2 })]),
    new Paragraph({ text: groupHeadings[group.level], heading: HeadingLevel.HEADING_3 }),
    table(planColumns, group.recommendations.flatMap(recommendationRows)),
  ]);
}

/** "version 1, submitted on 2 February 2026 and accepted on 5 February 2026" */
function versionPhrase(since: Since): string {
  const sent =
    since.kind === 'progress_report'
      ? `version ${since.number}, a progress report sent on ${inWords(since.submittedOn)}`
      : `version ${since.number}, submitted on ${inWords(since.submittedOn)}`;
  if (!since.review) return `${sent} and awaiting the inspectorate's review`;
  return `${sent} and ${since.review.decision} by the inspectorate on ${inWords(since.review.on)}`;
}

const changesHeading = (since: Since) => `Changes since version ${since.number}`;

/** Which copy this is, and what it follows: the first thing a reader of a printout needs. */
function editionStatement(edition: Edition): string {
  const what =
    edition.kind === 'live'
      ? `This is the live plan as at ${inWords(edition.asAt)}`
      : edition.versionKind === 'progress_report'
        ? `This is version ${edition.number} of the plan, a progress report`
        : `This is version ${edition.number} of the plan, as submitted`;
  const { since } = edition;
  if (!since)
    return edition.kind === 'live' ? `${what}. It has not yet been submitted.` : `${what}.`;
  const changes =
    since.changes.length === 0
      ? `Nothing has changed since version ${since.number}.`
      : `What changed since version ${since.number} is listed under “${changesHeading(since)}” ` +
        `at the end: ${since.changes.length} recommendation${since.changes.length === 1 ? '' : 's'}.`;
  return `${what}. It follows ${versionPhrase(since)}. ${changes}`;
}

function changesSection(since: Since): (Paragraph | Table)[] {
  if (since.changes.length === 0) return [];
  const rows = since.changes.map(
    (diff) =>
      new TableRow({
        children: [
          cell([small(diff.label)]),
          cell(changeSentences(diff).map((sentence) => small(sentence))),
        ],
      }),
  );
  return [
    new Paragraph({ text: changesHeading(since), heading: HeadingLevel.HEADING_2 }),
    table(
      [
        { heading: 'Recommendation', width: 2400 },
        { heading: 'What changed', width: textWidth - 2400 },
      ],
      rows,
    ),
  ];
}

function submittedLine(document: PlanVersionDocument, edition: Edition): string {
  if (edition.kind === 'version') return inWords(document.header.submittedOn);
  return edition.since
    ? `${inWords(edition.since.submittedOn)} (version ${edition.since.number})`
    : 'not yet submitted';
}

export async function planDocx(document: PlanVersionDocument, edition: Edition): Promise<Buffer> {
  const { header } = document;
  const word = new Document({
    title: header.title,
    description: header.subtitle,
    creator: header.submittedBy,
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 22 }, paragraph: { spacing: { after: 80 } } },
        heading1: heading(36),
        heading2: heading(28),
        heading3: heading(24),
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE },
            margin: { top: margin, right: margin, bottom: margin, left: margin },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [
                  new TextRun({ text: `${header.title}. Page `, size: tableSize }),
                  new TextRun({ children: [PageNumber.CURRENT], size: tableSize }),
                  new TextRun({ text: ' of ', size: tableSize }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: tableSize }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ text: header.title, heading: HeadingLevel.HEADING_1 }),
          labelled('Action Plan Submitted', submittedLine(document, edition)),
          ...(edition.kind === 'version' ? [labelled('Submitted by', header.submittedBy)] : []),
          new Paragraph(header.subtitle),
          labelled('Report Published', inWords(edition.reportPublished)),
          new Paragraph({ children: runs(editionStatement(edition), { bold: true }) }),
          new Paragraph({ text: 'Introduction', heading: HeadingLevel.HEADING_2 }),
          new Paragraph(introduction),
          definitionsTable(),
          ...planSections(document),
          ...(edition.since ? changesSection(edition.since) : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(word);
}
