import { z } from 'zod';

import { Uuid } from './common';

export const CellError = z.object({
  sheet: z
    .string()
    .optional()
    .describe('The sheet, for a workbook of several sheets (the letter), e.g. "PDU ratings".'),
  row: z.number().int().describe('The row in the file; the header is row 1.'),
  column: z.string().describe('The column heading, e.g. "Due date".'),
  message: z.string(),
});
export type CellError = z.infer<typeof CellError>;

export const importOutcomes = ['create', 'update', 'unchanged', 'skipped', 'error'] as const;

export const ImportRowReport = z.object({
  sheet: z.string().optional().describe('The sheet, for a workbook of several sheets.'),
  row: z.number().int(),
  outcome: z.enum(importOutcomes),
  subjectId: Uuid.nullable().describe('What the row creates or changes, once known.'),
  label: z.string().nullable().describe('How people name it: an action title, "Wigan 3"...'),
  changes: z.array(z.object({ column: z.string(), from: z.unknown(), to: z.unknown() })),
  errors: z.array(CellError),
});
export type ImportRowReport = z.infer<typeof ImportRowReport>;

export const ImportReport = z
  .object({
    applied: z
      .boolean()
      .describe('False for a dry run, and whenever any row has an error: nothing changed.'),
    rows: z.array(ImportRowReport),
    errors: z.array(CellError).describe('Every error, row by row.'),
    counts: z.record(z.enum(importOutcomes), z.number().int()),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportQuery = z.object({
  mode: z
    .enum(['dry-run', 'apply'])
    .default('dry-run')
    .describe('"dry-run" reports what would happen; "apply" does it, all or nothing.'),
});
export type ImportQuery = z.infer<typeof ImportQuery>;
