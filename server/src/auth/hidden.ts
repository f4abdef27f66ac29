import { HttpProblem } from '../http/errors';
import type { Access } from './policy';

/**
 * What the caller may not see answers as if it did not exist (404). The one way to hide:
 * thrown by a route or a service alike, it names the subject the request asked for, and the
 * auth plugin marks the request so the refusal goes into the audit trail.
 */
export class Hidden extends HttpProblem {
  constructor(what: string, id: string) {
    super(404, 'Not found', `${what} ${id} does not exist or you may not see it.`);
  }
}

export function hidden(what: string, id: string): Hidden {
  return new Hidden(what, id);
}

/**
 * Answers a change the policy does not allow: hidden (404, naming the subject the request asked
 * for) or seen but not to be changed (403, saying why).
 */
export function requireChange(
  access: Access,
  subject: { what: string; id: string },
  refusal: string,
): void {
  if (access === 'hidden') throw hidden(subject.what, subject.id);
  if (access === 'read') throw new HttpProblem(403, 'Forbidden', refusal);
}
