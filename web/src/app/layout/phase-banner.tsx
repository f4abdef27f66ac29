/** Where feedback goes until the service has its own feedback page. */
export const feedbackAddress = 'feedback@hmpps.example';

export function PhaseBanner() {
  return (
    <div className="govuk-phase-banner">
      <p className="govuk-phase-banner__content">
        <strong className="govuk-tag govuk-phase-banner__content__tag">Beta</strong>
        <span className="govuk-phase-banner__text">
          This is a new service. Help us improve it and{' '}
          <a
            className="govuk-link"
            href={`mailto:${feedbackAddress}?subject=Inspection%20action%20plans%20feedback`}
          >
            give your feedback by email
          </a>
          .
        </span>
      </p>
    </div>
  );
}
