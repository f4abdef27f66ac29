import { useId, type ReactNode } from 'react';

interface NotificationBannerProps {
  /** Success banners say something the person just did worked; they are announced at once. */
  type?: 'important' | 'success';
  heading: ReactNode;
  children?: ReactNode;
  /** Important banners are a plain region unless they must interrupt (role="alert"). */
  urgent?: boolean;
}

/**
 * The GOV.UK notification banner (govuk-frontend 6 markup). Rendered by React, so it needs
 * none of govuk-frontend's script (which only moves focus to a success banner on page load).
 */
export function NotificationBanner({
  type = 'important',
  heading,
  children,
  urgent = false,
}: NotificationBannerProps) {
  const titleId = useId();
  const success = type === 'success';
  return (
    <div
      className={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success || urgent ? 'alert' : 'region'}
      aria-labelledby={titleId}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {success ? 'Success' : 'Important'}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}
