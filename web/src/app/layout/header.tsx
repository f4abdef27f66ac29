import { Link } from 'react-router';

import { serviceName } from '../../lib/use-page-title';
import { CrownShapes, LogotypeShapes } from './govuk-logo';

/** The GOV.UK header and the service navigation with the service name (govuk-frontend 6). */
export function Header() {
  return (
    <header className="govuk-template__header">
      <div className="govuk-header">
        <div className="govuk-header__container govuk-width-container">
          <div className="govuk-header__logo">
            <a href="https://www.gov.uk/" className="govuk-header__homepage-link">
              <svg
                focusable="false"
                role="img"
                xmlns="http://www.w3.org/2000/svg"
                viewBox="0 0 324 60"
                height="30"
                width="162"
                fill="currentcolor"
                className="govuk-header__logotype"
                aria-label="GOV.UK"
              >
                <title>GOV.UK</title>
                <CrownShapes />
                <LogotypeShapes />
              </svg>
            </a>
          </div>
        </div>
      </div>
      <section aria-label="Service information" className="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <span className="govuk-service-navigation__service-name">
              <Link to="/" className="govuk-service-navigation__link">
                {serviceName}
              </Link>
            </span>
          </div>
        </div>
      </section>
    </header>
  );
}
