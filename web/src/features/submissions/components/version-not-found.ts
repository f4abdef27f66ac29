import { ApiError } from '../../../lib/api-client';

/** A version number in the address that the plan does not have: "Page not found". */
export function versionNotFound(versionNumber: string): ApiError {
  return new ApiError({
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: `The plan has no version ${versionNumber}.`,
  });
}
