import { ContentPage } from '../../components/content-page';

export function CookiesPage() {
  return (
    <ContentPage title="Cookies">
      <p className="govuk-body">
        Cookies are small files saved on your phone, tablet or computer when you visit a website.
        Inspection action plans uses one cookie, only to keep you signed in.
      </p>

      <h2 className="govuk-heading-m">Strictly necessary cookie</h2>
      <p className="govuk-body">
        When you sign in, the service sets a session cookie so that it knows who you are as you move
        from page to page. The service cannot work without it, so we do not ask for your permission
        to set it.
      </p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">
          The cookie this service sets
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Name
            </th>
            <th scope="col" className="govuk-table__header">
              Purpose
            </th>
            <th scope="col" className="govuk-table__header">
              Expires
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          <tr className="govuk-table__row">
            <td className="govuk-table__cell">
              <code>__Host-session</code>
            </td>
            <td className="govuk-table__cell">Keeps you signed in</td>
            <td className="govuk-table__cell">
              When you close your browser or sign out, after 30 minutes without activity, or 12
              hours after you signed in, whichever comes first
            </td>
          </tr>
        </tbody>
      </table>
      <p className="govuk-body">
        The cookie is sent only to this service, over a secure connection, and scripts on the page
        cannot read it (it is an HttpOnly cookie). It holds a random identifier, not your name or
        password.
      </p>
      <p className="govuk-body">
        On a copy of the service run for development on a computer without a secure connection, the
        same cookie is called <code>session</code>.
      </p>

      <h2 className="govuk-heading-m">Analytics and other cookies</h2>
      <p className="govuk-body">
        We do not use analytics cookies, advertising cookies or any cookies from other
        organisations. If that ever changes, we will ask for your permission first and update this
        page.
      </p>
    </ContentPage>
  );
}
