import { ContentPage } from '../../components/content-page';
import { ExternalLink } from './links';

/** Placeholder until the data protection officer's team confirms its address. */
const dataProtectionEmail = 'data.protection@hmpps.example';

export function PrivacyPage() {
  return (
    <ContentPage title="Privacy notice">
      <p className="govuk-body">
        This notice explains what personal data Inspection action plans holds, why, and for how
        long. The Ministry of Justice is the data controller; HM Prison and Probation Service
        (HMPPS) runs the service on its behalf.
      </p>

      <h2 className="govuk-heading-m">What personal data we hold</h2>
      <p className="govuk-body">The service holds information about the staff who use it:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>your name and work email address</li>
        <li>your role and the part of the organisation you work in</li>
        <li>
          what you do in the service, such as the actions you own, the progress and evidence you
          record, and when you did it
        </li>
      </ul>
      <p className="govuk-body">
        The service is not for information about people on probation. Do not add their details to
        actions, progress updates or evidence.
      </p>

      <h2 className="govuk-heading-m">Why we hold it</h2>
      <p className="govuk-body">
        We use your data to give you access, to show who is responsible for each part of an action
        plan, and to keep a record of every change so that the plan can be trusted by HM
        Inspectorate of Probation.
      </p>
      <p className="govuk-body">
        Our lawful basis is public task: monitoring how probation services respond to inspections is
        part of the official functions of HMPPS (UK GDPR Article 6(1)(e)).
      </p>

      <h2 className="govuk-heading-m">How long we keep it</h2>
      <p className="govuk-body">
        Your account is kept while you need access to the service and is removed when you no longer
        do. Names in an action plan and its history of changes are kept with the plan, because they
        are part of the record of how the inspection was answered. Plans and their history are kept
        for 7 years after the plan is closed, then deleted.
      </p>

      <h2 className="govuk-heading-m">Who we share it with</h2>
      <p className="govuk-body">
        Action plans, including the names of the people who own actions, are shared with HM
        Inspectorate of Probation when a plan is submitted. We do not share your data with anyone
        else unless the law requires it.
      </p>

      <h2 className="govuk-heading-m">Your rights and how to contact us</h2>
      <p className="govuk-body">
        You can ask to see the personal data we hold about you, and ask us to correct it. To do so,
        or if you have a question about this notice, email the data protection team at{' '}
        <a className="govuk-link" href={`mailto:${dataProtectionEmail}`}>
          {dataProtectionEmail}
        </a>
        .
      </p>
      <p className="govuk-body">
        If you are unhappy with how we have used your data, you can complain to the{' '}
        <ExternalLink href="https://ico.org.uk/make-a-complaint/">
          Information Commissioner&rsquo;s Office (ICO)
        </ExternalLink>
        .
      </p>
    </ContentPage>
  );
}
