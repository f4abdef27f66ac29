import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { greaterManchester2023 as letter } from './greater-manchester-2023';
import type { LetterPdu, LetterRecommendation } from './letter-types';

// The repository keeps its own copy of the letter (seeds/letters/README.md says where it is from).
const letterUrl = new URL(
  '../letters/greater-manchester-regional-review-2023-05-25.txt',
  import.meta.url,
);

function readLetter(): string {
  const path = fileURLToPath(letterUrl);
  if (!existsSync(path)) {
    throw new Error(
      `Inspection letter not found at ${path}; the seed tests check the transcription ` +
        'against it, and the repository keeps it in seeds/letters/.',
    );
  }
  return readFileSync(path, 'utf8');
}

// Line wrapping and page breaks in the text file are layout, not wording.
const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

const letterText = normalise(readLetter());

const numberWords = (
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen ' +
  'fifteen sixteen seventeen eighteen nineteen'
).split(' ');
const tensWords = '_ _ twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');

/** The letter spells some figures out ("Seventy-five per cent", "six months"). */
function inWords(value: number): string | null {
  if (!Number.isInteger(value) || value < 0 || value > 99) return null;
  if (value < 20) return numberWords[value] ?? null;
  const unit = value % 10;
  const tens = tensWords[Math.floor(value / 10)] ?? '';
  return unit === 0 ? tens : `${tens}-${numberWords[unit] ?? ''}`;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function containsFigure(source: string, value: number): boolean {
  // Guard both sides so 2 does not match inside 24 or 12.3.
  const digits = new RegExp(`(?<![\\d.])${escapeRegExp(String(value))}(?![\\d]|\\.\\d)`);
  if (digits.test(source)) return true;
  const words = inWords(value);
  return words !== null && new RegExp(`\\b${words}\\b`, 'i').test(source);
}

const pdu = (code: string): LetterPdu => {
  const found = letter.pdus.find((p) => p.code === code);
  if (!found) throw new Error(`no PDU ${code} in the seed`);
  return found;
};

const standardRating = (code: string, standard: string) =>
  pdu(code).rating.standards.find((s) => s.code === standard)?.rating;

const key = (r: { sourcePduCode: string; number: number }): string =>
  `${r.sourcePduCode}#${r.number}`;

// The only two items printed without a number; Tameside 5 has a number but no list marker.
const unnumbered = new Set(['manchester-north#1', 'manchester-north#9']);

const annexeStart = letterText.indexOf('Annexe one');
const annexeEnd = letterText.indexOf('Annexe two');

/** Where the item sits in Annexe one, located with its printed marker so texts cannot collide. */
function annexePosition(r: LetterRecommendation): number {
  const marker = unnumbered.has(key(r)) ? '- ' : `${r.number}. `;
  const at = letterText.indexOf(`${marker}${normalise(r.text)}`, annexeStart);
  return at >= 0 && at < annexeEnd ? at : -1;
}

const ownerHeadings: [string, LetterRecommendation['ownerLevel']][] = [
  ['The PDU should:', 'pdu'],
  ['Greater Manchester Region should:', 'region'],
  ['Greater Manchester region should:', 'region'],
  ['HM Prison and Probation Service should:', 'hmpps'],
];
const pduHeadings: [string, string][] = [
  ['Manchester North PDU', 'manchester-north'],
  ['Tameside PDU', 'tameside'],
  ['Wigan PDU', 'wigan'],
];

/** The heading of the given kind nearest above a position in Annexe one. */
function headingAbove<T>(headings: [string, T][], position: number): T | undefined {
  let best: { at: number; value: T } | undefined;
  for (const [heading, value] of headings) {
    const at = letterText.lastIndexOf(heading, position);
    if (at >= annexeStart && (!best || at > best.at)) best = { at, value };
  }
  return best?.value;
}

describe('Greater Manchester 2023 letter seed', () => {
  const recommendations = letter.recommendations;

  it('has the 28 recommendations of Annexe one', () => {
    expect(recommendations).toHaveLength(28);
  });

  it('splits them 14 PDU, 10 region, 4 HMPPS', () => {
    const count = (level: string) => recommendations.filter((r) => r.ownerLevel === level).length;
    expect({ pdu: count('pdu'), region: count('region'), hmpps: count('hmpps') }).toEqual({
      pdu: 14,
      region: 10,
      hmpps: 4,
    });
  });

  it('quotes every recommendation verbatim', () => {
    const missing = recommendations.filter((r) => !letterText.includes(normalise(r.text)));
    expect(missing.map(key)).toEqual([]);
  });

  it('keeps the letter spelling and capitals', () => {
    const text = (code: string, number: number) =>
      recommendations.find((r) => r.sourcePduCode === code && r.number === number)?.text;
    expect(text('tameside', 1)).toContain('desistence');
    expect(text('manchester-north', 7)).toContain('Regional Outcomes Intervention Fund');
    expect(text('wigan', 9)).toMatch(/^Ensure /);
  });

  it('identifies each recommendation uniquely by source PDU and number', () => {
    const keys = recommendations.map(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('numbers each PDU list 1..n without gaps', () => {
    for (const { code } of letter.pdus) {
      const numbers = recommendations.filter((r) => r.sourcePduCode === code).map((r) => r.number);
      expect(numbers, code).toEqual(numbers.map((_, i) => i + 1));
    }
  });

  it('matches the printed numbers, order, PDU and owner headings of Annexe one', () => {
    let previous = -1;
    for (const r of recommendations) {
      const at = annexePosition(r);
      expect(at, key(r)).toBeGreaterThan(previous);
      expect(headingAbove(pduHeadings, at), key(r)).toBe(r.sourcePduCode);
      expect(headingAbove(ownerHeadings, at), key(r)).toBe(r.ownerLevel);
      previous = at;
    }
  });

  it('gives every recommendation one to three themes', () => {
    for (const r of recommendations) {
      expect(r.themes.length, key(r)).toBeGreaterThanOrEqual(1);
      expect(r.themes.length, key(r)).toBeLessThanOrEqual(3);
      expect(new Set(r.themes).size, key(r)).toBe(r.themes.length);
    }
  });

  describe('outcome measures', () => {
    const measures = letter.outcomeMeasures;

    it('has at least ten baselines', () => {
      expect(measures.length).toBeGreaterThanOrEqual(10);
    });

    it('quotes each source verbatim, allowing " ... " elisions', () => {
      for (const m of measures) {
        for (const part of m.baseline.source.split(' ... ')) {
          expect(letterText.includes(normalise(part)), `${m.name}: "${part}"`).toBe(true);
        }
      }
    });

    it('finds each baseline value as a figure in its source', () => {
      for (const m of measures) {
        expect(containsFigure(m.baseline.source, m.baseline.value), m.name).toBe(true);
      }
    });

    it('points each measure at an existing recommendation', () => {
      const keys = new Set(recommendations.map(key));
      for (const m of measures) {
        expect(keys.has(key(m.recommendation)), m.name).toBe(true);
      }
    });

    it('dates baselines as the first of a month or not at all', () => {
      for (const m of measures) {
        if (m.baseline.date !== null) expect(m.baseline.date, m.name).toMatch(/^\d{4}-\d{2}-01$/);
        expect(m.baseline.period.length, m.name).toBeGreaterThan(0);
      }
    });
  });

  describe('ratings (Annexe two and Summary)', () => {
    it('lists the full framework for every PDU', () => {
      const codes = ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '2.5'];
      for (const p of letter.pdus) {
        const listed = p.rating.standards.map((s) => s.code);
        expect(listed, p.code).toEqual(codes);
      }
    });

    it('transcribes Manchester North', () => {
      const mn = pdu('manchester-north');
      expect(mn.fieldworkStartMonth).toBe('2023-02');
      expect(mn.rating.overall).toBe('requires_improvement');
      expect(mn.rating.score).toEqual({ achieved: 10, max: 24 });
      expect(standardRating('manchester-north', '2.2')).toBe('inadequate');
      expect(standardRating('manchester-north', '2.1')).toBeNull();
    });

    it('rates as many standards as each score counts (three points per standard)', () => {
      for (const inspected of letter.pdus) {
        const { score, standards } = inspected.rating;
        if (!score) continue;
        const rated = standards.filter((standard) => standard.rating !== null).length;
        expect(score.max, inspected.name).toBe(rated * 3);
      }
    });

    it('transcribes Tameside', () => {
      const t = pdu('tameside');
      expect(t.fieldworkStartMonth).toBe('2023-03');
      expect(t.rating.overall).toBe('requires_improvement');
      expect(t.rating.score).toEqual({ achieved: 7, max: 27 });
      expect(standardRating('tameside', '2.4')).toBe('inadequate');
      expect(standardRating('tameside', '2.5')).toBe('inadequate');
    });

    it('gives Wigan only the overall rating stated in the Summary', () => {
      expect(letterText).toContain("and Wigan as 'Requires improvement'");
      const w = pdu('wigan');
      expect(w.rating.overall).toBe('requires_improvement');
      expect(w.rating.score).toBeNull();
      expect(w.fieldworkStartMonth).toBeNull();
      expect(w.rating.standards.every((s) => s.rating === null)).toBe(true);
    });
  });
});
