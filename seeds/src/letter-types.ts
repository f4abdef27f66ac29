import type {
  InspectionKind,
  MeasureDirection,
  OwnerLevel,
  RatingValue,
  Theme,
} from '@tracker/shared';

/**
 * An inspection letter transcribed as data. Text fields are verbatim from the letter,
 * keeping its spelling and punctuation; nothing here is derived or reworded.
 */
export interface InspectionLetter {
  region: { name: string; code: string };
  /** The inspected PDUs, in the letter's order. */
  pdus: LetterPdu[];
  inspection: {
    title: string;
    kind: InspectionKind;
    /** YYYY-MM-DD */
    letterDate: string;
    author: string;
    addressee: string;
  };
  recommendations: LetterRecommendation[];
  outcomeMeasures: LetterOutcomeMeasure[];
}

export interface LetterPdu {
  name: string;
  code: string;
  /** YYYY-MM, or null where the letter does not give it. */
  fieldworkStartMonth: string | null;
  rating: {
    overall: RatingValue | null;
    /** "10/24" becomes { achieved: 10, max: 24 }; null where not given. */
    score: { achieved: number; max: number } | null;
    /** Every standard of the inspection framework, with null where the letter gives no rating. */
    standards: { code: string; name: string; rating: RatingValue | null }[];
  };
}

export interface LetterRecommendation {
  /** The code of the PDU whose list it appears in. */
  sourcePduCode: string;
  /** The number shown in the letter (or implied by its place, where the letter omits it). */
  number: number;
  /** Verbatim, without the leading number and list marker. */
  text: string;
  ownerLevel: OwnerLevel;
  themes: Theme[];
}

export interface LetterOutcomeMeasure {
  /** Which recommendation it evidences: source PDU code and number. */
  recommendation: { sourcePduCode: string; number: number };
  name: string;
  /** For example "per cent", "cases", "weeks". */
  unit: string;
  direction: MeasureDirection;
  baseline: {
    value: number;
    /** YYYY-MM-DD where the letter gives a day or month (month -> its first day); else null. */
    date: string | null;
    /** The period in the letter's words, for example "January 2023". */
    period: string;
    /** The sentence it comes from, quoted verbatim ("..." marks an elision). */
    source: string;
  };
}
