import { useRouteError } from 'react-router';

import { ProblemPanel } from '../components/problem-panel';
import { PageTemplate } from './layout/app-layout';

/** Shown when rendering a route throws: the page template stays, with the problem inside. */
export function RouteError() {
  const error = useRouteError();
  return (
    <PageTemplate>
      <ProblemPanel error={error} />
    </PageTemplate>
  );
}
