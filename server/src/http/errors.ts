import type { FieldError } from '@tracker/shared';

/**
 * A failure the caller can act on. Services throw these; the error handler turns them into
 * problem+json. Anything else thrown becomes a 500 whose body says nothing about the cause.
 */
export class HttpProblem extends Error {
  constructor(
    public readonly status: number,
    public readonly title: string,
    public readonly detail: string,
    public readonly errors?: FieldError[],
    public readonly headers: Record<string, string> = {},
    /** Members added to the problem body (RFC 9457 extensions), e.g. what blocks a submission. */
    public readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export function notFound(what: string, id: string): HttpProblem {
  return new HttpProblem(404, 'Not found', `${what} ${id} does not exist or you may not see it.`);
}

export function badRequest(detail: string, errors: FieldError[]): HttpProblem {
  return new HttpProblem(400, 'Invalid request', detail, errors);
}
