import { Problem, Uuid } from '@tracker/shared';
import { z } from 'zod';

/** Path parameters of a single resource. */
export const IdParams = z.object({ id: Uuid });

/** The problem answers every read route may give, for the OpenAPI document. */
export const readProblems = {
  400: Problem,
  401: Problem,
  404: Problem,
  429: Problem,
  500: Problem,
  503: Problem,
} as const;
