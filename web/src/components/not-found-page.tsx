import { Link } from 'react-router';

import { ContentPage } from './content-page';
import { paths } from '../lib/paths';

export function NotFoundPage() {
  return (
    <ContentPage title="Page not found">
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">
        If you pasted the web address, check you copied the entire address.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={paths.home}>
          Go to the list of inspections
        </Link>
      </p>
    </ContentPage>
  );
}
