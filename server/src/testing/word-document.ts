import { DOMParser, type Element } from '@xmldom/xmldom';

import { zipEntryText } from './zip-entry';

/**
 * A .docx body as a reader meets it, for tests: its headings, paragraphs and tables in order,
 * each table as rows of cell texts, and the page set-up of its sections. Read from the XML with
 * a real parser, so a test names what it depends on ("the third column of the Wigan 1 row"),
 * not how the XML happens to be written.
 */

export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; rows: string[][]; headerRows: number };

export interface WordDocument {
  blocks: Block[];
  /** All the words, one line per paragraph (cells' paragraphs included). */
  text: string;
  sections: { orientation: string | null; width: number; height: number }[];
}

const children = (element: Element, name: string): Element[] =>
  Array.from(element.childNodes).filter(
    (node): node is Element => node.nodeType === 1 && (node as Element).tagName === name,
  );

const descendants = (element: Element, name: string): Element[] =>
  Array.from(element.getElementsByTagName(name));

/** A paragraph's text; a line break inside it stays a line break. */
function paragraphText(paragraph: Element): string {
  return descendants(paragraph, 'w:r')
    .flatMap((run) =>
      Array.from(run.childNodes)
        .filter((node): node is Element => node.nodeType === 1)
        .map((node) =>
          node.tagName === 'w:t' ? (node.textContent ?? '') : node.tagName === 'w:br' ? '\n' : '',
        ),
    )
    .join('');
}

const cellText = (cell: Element) => children(cell, 'w:p').map(paragraphText).join('\n').trim();

function headingLevel(paragraph: Element): number | null {
  const style = descendants(paragraph, 'w:pStyle')[0]?.getAttribute('w:val') ?? '';
  const match = /^Heading(\d)$/.exec(style);
  return match ? Number(match[1]) : null;
}

export function readWordXml(xml: string): WordDocument {
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
  const body = children(root, 'w:body')[0]!;
  const blocks: Block[] = [];
  for (const element of Array.from(body.childNodes).filter(
    (node): node is Element => node.nodeType === 1,
  )) {
    if (element.tagName === 'w:p') {
      const text = paragraphText(element);
      const level = headingLevel(element);
      if (level !== null) blocks.push({ kind: 'heading', level, text });
      else if (text.trim() !== '') blocks.push({ kind: 'paragraph', text });
    } else if (element.tagName === 'w:tbl') {
      const rows = children(element, 'w:tr');
      blocks.push({
        kind: 'table',
        rows: rows.map((row) => children(row, 'w:tc').map(cellText)),
        headerRows: rows.filter((row) => descendants(row, 'w:tblHeader').length > 0).length,
      });
    }
  }
  const sections = descendants(root, 'w:pgSz').map((size) => ({
    orientation: size.getAttribute('w:orient'),
    width: Number(size.getAttribute('w:w')),
    height: Number(size.getAttribute('w:h')),
  }));
  const text = descendants(root, 'w:p').map(paragraphText).join('\n');
  return { blocks, text, sections };
}

export async function readDocx(file: Buffer): Promise<WordDocument> {
  return readWordXml(await zipEntryText(file, 'word/document.xml'));
}

/** The tables that follow a heading with this text, up to the next heading of its level or above. */
export function tablesUnder(document: WordDocument, heading: string): string[][][] {
  const start = document.blocks.findIndex(
    (block) => block.kind === 'heading' && block.text === heading,
  );
  if (start < 0) return [];
  const level = (document.blocks[start] as { level: number }).level;
  const tables: string[][][] = [];
  for (const block of document.blocks.slice(start + 1)) {
    if (block.kind === 'heading' && block.level <= level) break;
    if (block.kind === 'table') tables.push(block.rows);
  }
  return tables;
}
