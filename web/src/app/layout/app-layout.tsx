import { Suspense, useRef, type ReactNode } from 'react';
import { Outlet, ScrollRestoration } from 'react-router';

import { Loading } from '../../components/loading';
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

/**
 * The root route's element: every page renders inside the template. Pages load with their
 * route (router.tsx); until the first one's script arrives, the template says so.
 */
export function AppLayout() {
  return (
    <PageTemplate>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
      <ScrollRestoration />
    </PageTemplate>
  );
}
