import type { Me } from '@tracker/shared';
import { ServiceNavigation as GovukServiceNavigation } from 'govuk-frontend';
import { useEffect, useRef } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';

import { useSignOut } from '../../features/auth/api';
import { type NavigationItem, navigationFor } from '../../lib/navigation';
import { useUnreadNotificationCount } from '../../features/notifications/api';
import { paths } from '../../lib/paths';
import { useGovukComponent } from '../../lib/use-govuk-component';
import { serviceName } from '../../lib/use-page-title';
import { CrownShapes, LogotypeShapes } from './govuk-logo';
import { useMe } from '../../lib/queries/me';

/**
 * The GOV.UK header and the service navigation (govuk-frontend 6). Signed in, the navigation
 * lists what the person's role may use, and the end of the bar names them with "Your
 * account" and "Sign out". Signed out, it shows the service name alone.
 */
export function Header() {
  const me = useMe();
  const signedIn = me.isSuccess && !me.isError ? me.data : null;
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
      {/* A new element when the person changes, so govuk-frontend sets up its menu afresh. */}
      <ServiceNavigation
        key={signedIn ? `${signedIn.id}:${signedIn.role}` : 'signed-out'}
        me={signedIn}
      />
    </header>
  );
}

function ServiceNavigation({ me }: { me: Me | null }) {
  const ref = useRef<HTMLElement>(null);
  useGovukComponent(ref, GovukServiceNavigation);
  const { pathname } = useLocation();
  const items = me ? [...navigationFor(me.role), notificationsItem] : [];

  return (
    <section
      ref={ref}
      aria-label="Service information"
      className="govuk-service-navigation"
      data-module="govuk-service-navigation"
    >
      <div
        className={
          me
            ? 'govuk-width-container govuk-service-navigation__inlining-container'
            : 'govuk-width-container'
        }
      >
        <div className="govuk-service-navigation__container">
          <span className="govuk-service-navigation__service-name">
            <Link to={paths.home} className="govuk-service-navigation__link">
              {serviceName}
            </Link>
          </span>
          {items.length > 0 ? (
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              <button
                type="button"
                className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                aria-controls="navigation"
                hidden
                aria-hidden="true"
              >
                Menu
              </button>
              <ul className="govuk-service-navigation__list" id="navigation">
                {items.map((item) => {
                  const current = pathname === item.href;
                  const active = current || item.matches(pathname);
                  return (
                    <li
                      key={item.href}
                      className={
                        active
                          ? 'govuk-service-navigation__item govuk-service-navigation__item--active'
                          : 'govuk-service-navigation__item'
                      }
                    >
                      <Link
                        className="govuk-service-navigation__link"
                        to={item.href}
                        aria-current={current ? 'page' : active ? 'true' : undefined}
                      >
                        {active ? (
                          <strong className="govuk-service-navigation__active-fallback">
                            <ItemText item={item} />
                          </strong>
                        ) : (
                          <ItemText item={item} />
                        )}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
          ) : null}
        </div>
        {me ? <AccountLinks me={me} /> : null}
      </div>
    </section>
  );
}

/** Everyone signed in is a person who may be told things (API clients never see this). */
const notificationsItem: NavigationItem = {
  text: 'Notifications',
  href: paths.notifications(),
  matches: (pathname) => pathname === paths.notifications(),
};

function ItemText({ item }: { item: NavigationItem }) {
  return item === notificationsItem ? <NotificationsText text={item.text} /> : item.text;
}

/**
 * "Notifications (3)", read as "3 unread". Counted again on each move to another page, never
 * on a timer: every API call keeps the session alive, so polling would defeat the idle timeout.
 */
function NotificationsText({ text }: { text: string }) {
  const { pathname } = useLocation();
  const unread = useUnreadNotificationCount(true);
  const { refetch } = unread;
  useEffect(() => {
    // Not a second request while the first is still on its way.
    void refetch({ cancelRefetch: false });
  }, [pathname, refetch]);
  if (!unread.data) return text;
  return (
    <>
      {text} ({unread.data}
      <span className="govuk-visually-hidden"> unread</span>)
    </>
  );
}

/** The service navigation's end slot: who is signed in, their account, and signing out. */
function AccountLinks({ me }: { me: Me }) {
  const { pathname } = useLocation();
  const signOut = useSignOut();
  const navigate = useNavigate();

  const signOutNow = async () => {
    if (signOut.isPending) return;
    try {
      const endSessionUrl = await signOut.mutateAsync();
      // Signed in through their organisation: its session ends too, and it sends them back.
      if (endSessionUrl) window.location.assign(endSessionUrl);
      else navigate(paths.signedOut(), { replace: true });
    } catch {
      // Still signed in: the message below says so, and the button can be pressed again.
    }
  };

  return (
    <nav aria-label="Your account" className="app-account-navigation">
      <ul className="app-account-navigation__list">
        <li className="app-account-navigation__item" data-testid="signed-in-name">
          {me.name}
        </li>
        <li className="app-account-navigation__item">
          <Link
            className="govuk-service-navigation__link"
            to={paths.changePassword}
            aria-current={pathname === paths.changePassword ? 'page' : undefined}
          >
            Your account
          </Link>
        </li>
        <li className="app-account-navigation__item">
          <button
            type="button"
            className="app-account-navigation__button"
            onClick={() => void signOutNow()}
          >
            Sign out
          </button>
          {signOut.isError ? (
            <span className="govuk-error-message app-account-navigation__error" role="alert">
              Sign out did not work. Try again.
            </span>
          ) : null}
        </li>
      </ul>
    </nav>
  );
}
