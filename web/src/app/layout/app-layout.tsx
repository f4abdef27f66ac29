import { useRef, type ReactNode } from 'react';
import { Outlet, ScrollRestoration } from 'react-router';

import { Footer } from './footer';
import { Header } from './header';
import { PhaseBanner } from './phase-banner';
import { SkipLink } from './skip-link';
import { useFocusOnNavigate } from './use-focus-on-navigate';

/** The GOV.UK page template: skip link, header, phase banner, main, footer. */
export function PageTemplate({ children }: { children: ReactNode }) {
  const mainRef = useRef<HTMLElement>(null);
  useFocusOnNavigate(mainRef);
  return (
    <>
      <SkipLink />
      <Header />
      <div className="govuk-width-container">
        <PhaseBanner />
        <main className="govuk-main-wrapper" id="main-content" ref={mainRef}>
          {children}
        </main>
      </div>
      <Footer />
    </>
  );
}

/** The root route's element: every page renders inside the template. */
export function AppLayout() {
  return (
    <PageTemplate>
      <Outlet />
      <ScrollRestoration />
    </PageTemplate>
  );
}
