import { ContentPage } from '../../components/content-page';
import { ExternalLink, SupportEmailLink } from './links';

export function AccessibilityPage() {
  return (
    <ContentPage title="Accessibility statement for Inspection action plans">
      <p className="govuk-body">
        This accessibility statement applies to the Inspection action plans service. HM Prison and
        Probation Service (HMPPS) runs it, so that probation regions can answer the recommendations
        of HM Inspectorate of Probation with an action plan.
      </p>
      <p className="govuk-body">
        We want as many people as possible to be able to use this service. For example, you should
        be able to:
      </p>
      <ul className="govuk-list govuk-list--bullet">
        <li>change colours, contrast levels and fonts using browser or device settings</li>
        <li>zoom in up to 400% without the text spilling off the screen</li>
        <li>get from the start of the service to the end using just a keyboard</li>
        <li>get from the start of the service to the end using speech recognition software</li>
        <li>listen to the service using a screen reader, such as JAWS, NVDA or VoiceOver</li>
      </ul>
      <p className="govuk-body">
        We have also made the text in the service as simple as possible to understand.
      </p>
      <p className="govuk-body">
        <ExternalLink href="https://mcmw.abilitynet.org.uk/">AbilityNet</ExternalLink> has advice on
        making your device easier to use if you have a disability.
      </p>

      <h2 className="govuk-heading-m">How accessible this service is</h2>
      <p className="govuk-body">
        This is a beta service: it is new and we are still building it. We aim to meet the Web
        Content Accessibility Guidelines (WCAG) version 2.2 at level AA. Every page is checked with
        automated accessibility tests each time the service changes, but an accessibility specialist
        has not yet audited it. Parts added during the beta may have problems we have not found yet.
      </p>

      <h2 className="govuk-heading-m">Feedback and contact information</h2>
      <p className="govuk-body">
        If you need information from this service in a different format, such as large print, easy
        read or an audio recording, email <SupportEmailLink />. We will consider your request and
        reply within 5 working days.
      </p>

      <h2 className="govuk-heading-m">Reporting accessibility problems with this service</h2>
      <p className="govuk-body">
        We are always looking to improve the accessibility of this service. If you find a problem
        that is not listed on this page, or think we are not meeting accessibility requirements,
        email <SupportEmailLink />. Tell us the page you were on, what you were trying to do, and
        the browser and any assistive technology you were using.
      </p>

      <h2 className="govuk-heading-m">Enforcement procedure</h2>
      <p className="govuk-body">
        The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public
        Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the
        &lsquo;accessibility regulations&rsquo;). If you are not happy with how we respond to your
        complaint, contact the{' '}
        <ExternalLink href="https://www.equalityadvisoryservice.com/">
          Equality Advisory and Support Service (EASS)
        </ExternalLink>
        .
      </p>

      <h2 className="govuk-heading-m">
        Technical information about this service&rsquo;s accessibility
      </h2>
      <p className="govuk-body">
        HMPPS is committed to making this service accessible, in accordance with the accessibility
        regulations.
      </p>
      <h3 className="govuk-heading-s">Compliance status</h3>
      <p className="govuk-body">
        This service is partially compliant with the{' '}
        <ExternalLink href="https://www.w3.org/TR/WCAG22/">
          Web Content Accessibility Guidelines version 2.2
        </ExternalLink>{' '}
        AA standard, because it has not yet been fully tested. We will update this statement when it
        has been audited.
      </p>

      <h2 className="govuk-heading-m">Preparation of this accessibility statement</h2>
      <p className="govuk-body">
        This statement was prepared on 26 November 2026. It is based on automated testing of every
        page with axe against WCAG 2.2 level A and AA, and on checks by the team that builds the
        service.
      </p>
    </ContentPage>
  );
}
