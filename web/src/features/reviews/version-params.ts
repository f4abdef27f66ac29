import { useParams } from 'react-router';

/** What the decision page tells this page to say once the review is sent. */
export interface ReviewNoticeState {
  notice?: string;
}

/** The version number from the address, or null when it is not one. */
export function useVersionParams() {
  const { planId = '', number = '' } = useParams();
  const versionNumber = /^[1-9]\d{0,8}$/.test(number) ? Number(number) : null;
  return { planId, versionNumber };
}
