import { z } from 'zod';

/** RFC 9457 problem details: the body of every 4xx and 5xx answer under /api. */
export const FieldError = z.object({
  path: z
    .string()
    .describe('The field at fault, dotted for nested fields (e.g. "baseline.value").'),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(FieldError).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;
