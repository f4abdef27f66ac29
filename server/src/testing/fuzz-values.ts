import fc from 'fast-check';

/**
 * Values for the fuzzer, drawn from the JSON schemas of the OpenAPI document (which the routes'
 * zod schemas generate): valid ones, and near-misses of each kind the contract must survive.
 * Only what the document uses is understood (no allOf): $ref, type, enum, const, anyOf/oneOf, formats
 * uuid/date/date-time/email/uri, pattern, lengths, ranges, items, properties and required.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** What values are made from: the document's components and the ids that exist. */
export interface ValueContext {
  resolve(schema: JsonSchema): JsonSchema;
  /** Real ids for a field, by its name (`unitId`, `ownerId`...); empty when none fit. */
  idsFor(field: string): readonly string[];
  /** Email addresses that exist, so some values hit real rows. */
  emails: readonly string[];
}

/** A long string that prints as its length: counterexamples stay readable. */
export class HugeString {
  constructor(readonly length: number) {}
  toJSON(): string {
    return 'x'.repeat(this.length);
  }
  [fc.toStringMethod](): string {
    return `HugeString(${this.length})`;
  }
}

/** Strings that have broken servers: SQL, script, path and format payloads, odd unicode. */
export const nastyStrings: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; SELECT pg_sleep(0) --',
  "\\'; select 1; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  '%s%n%x%d',
  '../../../../etc/passwd',
  '\u0000',
  'a\u0000b',
  '\u0007\u0008\u001b[31m',
  '\r\nSet-Cookie: x=1',
  '\t \n ',
  ' ',
  '\u202eevil\u202c',
  '\ufeffbom',
  '\ud800',
  '\udfff\ud800',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  'Ω≈ç√∫˜µ≤≥÷',
  '田中さんにあげて下さい',
  'مرحبا',
  '\u00a0\u2028\u2029',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x1F',
  '[]',
  '{}',
  '__proto__',
  'constructor',
];

const minDate = new Date('2015-01-01T00:00:00Z');
const maxDate = new Date('2040-12-31T23:59:59Z');

export function validValue(
  schema: JsonSchema,
  context: ValueContext,
  field = '',
): fc.Arbitrary<unknown> {
  const s = context.resolve(schema);
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => validValue(a, context, field)));
  const types = [s.type ?? (s.properties ? 'object' : 'string')].flat();
  return fc.oneof(...types.map((type) => validOfType(type, s, context, field)));
}

function validOfType(
  type: string,
  s: JsonSchema,
  context: ValueContext,
  field: string,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number':
      return validNumber(type, s);
    case 'array':
      return fc.array(validValue(s.items ?? {}, context, field), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
      });
    case 'object':
      return validObject(s, context);
    default:
      return validString(s, context, field);
  }
}

function validNumber(type: string, s: JsonSchema): fc.Arbitrary<number> {
  const min = Math.max(s.minimum ?? -1_000_000, Number.MIN_SAFE_INTEGER);
  const max = Math.min(s.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER);
  const small = fc.integer({ min, max: Math.min(max, min + 100) });
  if (type === 'integer') return fc.oneof(small, fc.integer({ min, max }));
  return fc.oneof(small, fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

/** Half the time only the required fields and one other: fewer fields, fewer rules to break. */
function validObject(s: JsonSchema, context: ValueContext): fc.Arbitrary<Record<string, unknown>> {
  const properties = s.properties ?? {};
  const required = s.required ?? [];
  const model = Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [key, validValue(value, context, key)]),
  );
  const only = (keys: string[]) =>
    fc.record(Object.fromEntries(keys.map((key) => [key, model[key]!])));
  const optional = Object.keys(properties).filter((key) => !required.includes(key));
  return fc.oneof(
    fc.record(model, { requiredKeys: required }),
    fc.oneof(only(required), ...optional.map((key) => only([...required, key]))),
  );
}

function validString(s: JsonSchema, context: ValueContext, field: string): fc.Arbitrary<string> {
  switch (s.format) {
    case 'uuid':
      return uuidValue(context.idsFor(field));
    case 'date':
      return fc.date({ min: minDate, max: maxDate, noInvalidDate: true }).map(isoDate);
    case 'date-time':
      return fc
        .date({ min: minDate, max: maxDate, noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.oneof(
        ...(context.emails.length ? [fc.constantFrom(...context.emails)] : []),
        fc.stringMatching(/^[a-z0-9]{1,12}@fuzz\.example$/),
        fc.emailAddress(),
      );
    case 'uri':
      return fc.webUrl();
  }
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
  return plainString(s.minLength ?? 0, Math.min(s.maxLength ?? 80, 80));
}

function plainString(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.string({
        minLength: Math.max(minLength, 1),
        maxLength,
        unit: 'grapheme-ascii',
      }),
    },
    { weight: 2, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.constantFrom(...nastyStrings) },
  );
}

function uuidValue(ids: readonly string[]): fc.Arbitrary<string> {
  if (ids.length === 0) return fc.uuid();
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Any JSON value, of any type: what a field of another type receives. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 20 }),
  fc.constantFrom(...nastyStrings),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

const badUuids = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '123e4567e89b12d3a456426614174000',
  '123e4567-e89b-12d3-a456-42661417400',
  '{123e4567-e89b-12d3-a456-426614174000}',
  ' 123e4567-e89b-12d3-a456-426614174000',
  '123e4567-e89b-02d3-a456-426614174000',
];

const badDates = [
  '2023-02-29',
  '2024-02-30',
  '2023-13-01',
  '2023-00-10',
  '0000-01-01',
  '0001-01-01',
  '1900-01-01',
  '9999-12-31',
  '+275760-09-13',
  '-000001-01-01',
  '2023-1-1',
  '2023/01/01',
  '01/02/2023',
  '2023-01-01T00:00:00Z',
  '2023-03-26T01:30:00+01:00',
  '2023-01-01T25:00:00Z',
  '1970-01-01T00:00:00.000000001Z',
  'today',
  '',
];

function badNumbers(s: JsonSchema): unknown[] {
  const min = s.minimum ?? 0;
  const max = s.maximum ?? 100;
  return [
    min - 1,
    max + 1,
    min + 0.5,
    -1,
    0,
    -0,
    2 ** 53,
    2 ** 63,
    1e308,
    -1e308,
    String(min),
    '1e3',
    true,
  ];
}

/** A near-miss for one field: the wrong type, a bad format, out of range, or a nasty string. */
export function nearMissValue(schema: JsonSchema, context: ValueContext): fc.Arbitrary<unknown> {
  const s = context.resolve(schema);
  const variant = s.anyOf?.[0] ?? s.oneOf?.[0] ?? s;
  const resolved = context.resolve(variant);
  const specific: unknown[] = [];
  if (resolved.format === 'uuid') specific.push(...badUuids);
  if (resolved.format === 'date' || resolved.format === 'date-time') specific.push(...badDates);
  const type = [resolved.type].flat()[0];
  if (type === 'integer' || type === 'number') specific.push(...badNumbers(resolved));
  if (resolved.enum)
    specific.push(`${String(resolved.enum[0])}x`, String(resolved.enum[0]).toUpperCase());
  const arbitraries: fc.Arbitrary<unknown>[] = [
    anyJson,
    fc.constantFrom(...nastyStrings),
    hugeString,
  ];
  if (specific.length) arbitraries.push(fc.constantFrom(...specific));
  if (type === 'string') arbitraries.push(overLong(resolved));
  return fc.oneof(...arbitraries);
}

const hugeString = fc.constantFrom(10_000, 100_000, 600_000).map((n) => new HugeString(n));

function overLong(s: JsonSchema): fc.Arbitrary<unknown> {
  const max = s.maxLength ?? 1000;
  return fc.constantFrom(new HugeString(max + 1), '', 'é'.repeat(Math.min(max + 1, 10_000)));
}

/** An object with one thing wrong: a field missing, a field added, or a field's value bad. */
export function nearMissObject(schema: JsonSchema, context: ValueContext): fc.Arbitrary<unknown> {
  const s = context.resolve(schema);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => nearMissObject(v, context)));
  const valid = validValue(s, context);
  const properties = Object.entries(s.properties ?? {});
  const mutations: fc.Arbitrary<unknown>[] = [
    fc.tuple(valid, extraKey, anyJson).map(([value, key, extra]) => withKey(value, key, extra)),
    anyJson,
  ];
  if (s.required?.length) {
    mutations.push(
      fc.tuple(valid, fc.constantFrom(...s.required)).map(([value, key]) => withoutKey(value, key)),
    );
  }
  if (properties.length) {
    const badField = fc.oneof(
      ...properties.map(([key, value]) =>
        fc.tuple(fc.constant(key), nearMissField(value, context)),
      ),
    );
    mutations.push(
      fc.tuple(valid, badField).map(([value, [key, bad]]) => withKey(value, key, bad)),
    );
  }
  return fc.oneof(...mutations);
}

/** Nested objects and arrays of objects get their own near-misses, one level down. */
function nearMissField(schema: JsonSchema, context: ValueContext): fc.Arbitrary<unknown> {
  const s = context.resolve(schema);
  const items = s.items ? context.resolve(s.items) : undefined;
  if (items?.properties) {
    return fc.oneof(
      nearMissValue(s, context),
      fc.array(nearMissObject(items, context), { minLength: 1, maxLength: 2 }),
      fc.constant(Array.from({ length: (s.maxItems ?? 50) + 1 }, () => ({}))),
    );
  }
  if (s.properties) return fc.oneof(nearMissValue(s, context), nearMissObject(s, context));
  return nearMissValue(s, context);
}

const extraKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'id', 'createdAt', 'role', 'isAdmin', ''),
  fc.string({ minLength: 1, maxLength: 12 }),
);

/** Own properties only, so `__proto__` is sent as a key rather than setting a prototype. */
function withKey(value: unknown, key: string, extra: unknown): unknown {
  if (!isRecord(value)) return value;
  return Object.fromEntries([...Object.entries(value).filter(([k]) => k !== key), [key, extra]]);
}

function withoutKey(value: unknown, key: string): unknown {
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
