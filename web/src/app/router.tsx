import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';

import { ApiClientsPage } from '../features/api-clients/pages/api-clients-page';
import { NewApiClientPage } from '../features/api-clients/pages/new-api-client-page';
import { RevokeApiClientPage } from '../features/api-clients/pages/revoke-api-client-page';
import { AuditPage } from '../features/audit/pages/audit-page';
import { RequireRole, RequireSignIn } from '../features/auth/components/require-sign-in';
import { ChangePasswordPage } from '../features/auth/pages/change-password-page';
import { SetPasswordPage } from '../features/auth/pages/set-password-page';
import { SignInPage } from '../features/auth/pages/sign-in-page';
import { SignedOutPage } from '../features/auth/pages/signed-out-page';
import {
  canManageApiClients,
  canManageUsers,
  canReadAudit,
  canReadOutbox,
  reviewsPlans,
} from '../lib/permissions';
import { ImportActionsPage } from '../features/exports/pages/import-actions-page';
import { HomePage } from '../features/inspections/pages/home-page';
import { InspectionPage } from '../features/inspections/pages/inspection-page';
import { ImportRecommendationsPage } from '../features/inspections/pages/import-recommendations-page';
import { NewInspectionPage } from '../features/inspections/pages/new-inspection-page';
import { canLoadInspections } from '../features/inspections/permissions';
import { ActionPage } from './routes/action-page';
import { AddEvidencePage } from '../features/actions/pages/add-evidence-page';
import { EditActionPage } from '../features/actions/pages/edit-action-page';
import { MyActionsPage } from './routes/my-actions-page';
import { NotificationsPage } from '../features/notifications/pages/notifications-page';
import { OutboxPage } from '../features/outbox/pages/outbox-page';
import { NewActionPage } from '../features/actions/pages/new-action-page';
import { RemoveEvidencePage } from '../features/actions/pages/remove-evidence-page';
import { DashboardPage } from '../features/plans/pages/dashboard-page';
import { PlanPage } from './routes/plan-page';
import { DashboardsPage, PlansPage } from '../features/plans/pages/plans-page';
import { CloseRecommendationPage } from '../features/recommendations/pages/close-page';
import { RecommendationPage } from './routes/recommendation-page';
import { RespondPage } from '../features/recommendations/pages/respond-page';
import { DecisionPage } from '../features/reviews/pages/decision-page';
import { ReviewsPage } from '../features/reviews/pages/reviews-page';
import { VersionPage } from './routes/version-page';
import { AccessibilityPage } from '../features/static-pages/accessibility-page';
import { CookiesPage } from '../features/static-pages/cookies-page';
import { NotFoundPage } from '../components/not-found-page';
import { PrivacyPage } from '../features/static-pages/privacy-page';
import { CheckAnswersPage } from '../features/submissions/pages/check-answers-page';
import { DiffPage } from '../features/submissions/pages/diff-page';
import { SubmittedPage } from '../features/submissions/pages/submitted-page';
import { VersionHistoryPage } from '../features/submissions/pages/version-history-page';
import { EditUserPage } from '../features/users/pages/edit-user-page';
import { NewUserPage } from '../features/users/pages/new-user-page';
import { UserAccessPage } from '../features/users/pages/user-access-page';
import { UserPage } from '../features/users/pages/user-page';
import { UsersPage } from '../features/users/pages/users-page';
import { AppLayout } from './layout/app-layout';
import { RouteError } from './route-error';

const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      // Public: signing in and out, and the pages every service must show to anyone.
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'signed-out', element: <SignedOutPage /> },
      { path: 'set-password', element: <SetPasswordPage /> },
      { path: 'accessibility', element: <AccessibilityPage /> },
      { path: 'cookies', element: <CookiesPage /> },
      { path: 'privacy', element: <PrivacyPage /> },

      // Everything else needs someone signed in; some parts need a particular role.
      {
        element: <RequireSignIn />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'inspections/:inspectionId', element: <InspectionPage /> },
          {
            element: <RequireRole allow={canLoadInspections} />,
            children: [
              { path: 'admin/inspections/new', element: <NewInspectionPage /> },
              { path: 'inspections/:inspectionId/import', element: <ImportRecommendationsPage /> },
            ],
          },
          { path: 'recommendations/:recommendationId', element: <RecommendationPage /> },
          { path: 'recommendations/:recommendationId/response', element: <RespondPage /> },
          {
            path: 'recommendations/:recommendationId/close',
            element: <CloseRecommendationPage mode="close" />,
          },
          {
            path: 'recommendations/:recommendationId/reopen',
            element: <CloseRecommendationPage mode="reopen" />,
          },
          { path: 'recommendations/:recommendationId/actions/new', element: <NewActionPage /> },
          { path: 'actions/:actionId', element: <ActionPage /> },
          { path: 'actions/:actionId/edit', element: <EditActionPage /> },
          { path: 'actions/:actionId/evidence/new', element: <AddEvidencePage /> },
          {
            path: 'actions/:actionId/evidence/:evidenceId/remove',
            element: <RemoveEvidencePage />,
          },
          { path: 'plans', element: <PlansPage /> },
          { path: 'plans/:planId', element: <PlanPage /> },
          { path: 'plans/:planId/dashboard', element: <DashboardPage /> },
          { path: 'plans/:planId/submit', element: <CheckAnswersPage /> },
          { path: 'plans/:planId/versions', element: <VersionHistoryPage /> },
          { path: 'plans/:planId/import', element: <ImportActionsPage /> },
          {
            path: 'plans/:planId/versions/:versionNumber/submitted',
            element: <SubmittedPage />,
          },
          { path: 'plans/:planId/versions/:from/diff/:to', element: <DiffPage /> },
          { path: 'dashboard', element: <DashboardsPage /> },
          { path: 'my-actions', element: <MyActionsPage /> },
          { path: 'plans/:planId/versions/:number', element: <VersionPage /> },
          {
            element: <RequireRole allow={reviewsPlans} />,
            children: [
              { path: 'reviews', element: <ReviewsPage /> },
              { path: 'plans/:planId/versions/:number/decision', element: <DecisionPage /> },
            ],
          },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'account/password', element: <ChangePasswordPage /> },
          {
            path: 'admin/users',
            element: <RequireRole allow={canManageUsers} />,
            children: [
              { index: true, element: <UsersPage /> },
              { path: 'new', element: <NewUserPage /> },
              { path: ':userId', element: <UserPage /> },
              { path: ':userId/edit', element: <EditUserPage /> },
              { path: ':userId/disable', element: <UserAccessPage access="disable" /> },
              { path: ':userId/enable', element: <UserAccessPage access="enable" /> },
            ],
          },
          {
            path: 'admin/api-clients',
            element: <RequireRole allow={canManageApiClients} />,
            children: [
              { index: true, element: <ApiClientsPage /> },
              { path: 'new', element: <NewApiClientPage /> },
              { path: ':clientId/revoke', element: <RevokeApiClientPage /> },
            ],
          },
          {
            path: 'admin/outbox',
            element: <RequireRole allow={canReadOutbox} />,
            children: [{ index: true, element: <OutboxPage /> }],
          },
          {
            path: 'audit',
            element: <RequireRole allow={canReadAudit} />,
            children: [{ index: true, element: <AuditPage /> }],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
