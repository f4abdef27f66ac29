import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';

import { HomePage } from '../features/inspections/pages/home-page';
import { InspectionPage } from '../features/inspections/pages/inspection-page';
import { RecommendationPage } from '../features/recommendations/pages/recommendation-page';
import { AccessibilityPage } from '../features/static-pages/accessibility-page';
import { CookiesPage } from '../features/static-pages/cookies-page';
import { NotFoundPage } from '../features/static-pages/not-found-page';
import { PrivacyPage } from '../features/static-pages/privacy-page';
import { AppLayout } from './layout/app-layout';
import { RouteError } from './route-error';

const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'inspections/:inspectionId', element: <InspectionPage /> },
      { path: 'recommendations/:recommendationId', element: <RecommendationPage /> },
      { path: 'accessibility', element: <AccessibilityPage /> },
      { path: 'cookies', element: <CookiesPage /> },
      { path: 'privacy', element: <PrivacyPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
