import { lazy, type ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';

import { RequireRole, RequireSignIn } from '../features/auth/components/require-sign-in';
import {
  canManageApiClients,
  canManageUsers,
  canReadAudit,
  canReadOutbox,
  reviewsPlans,
} from '../lib/navigation';
import { canLoadInspections } from '../features/inspections/permissions';
import { NotFoundPage } from '../components/not-found-page';
import { AppLayout } from './layout/app-layout';
import { RouteError } from './route-error';

/**
 * A page whose script is fetched when its route is first visited, so the first page's script
 * holds only the router, the layout and what every page shares. AppLayout's Suspense shows
 * "Loading page" until it arrives on a first visit; a navigation keeps the old page meanwhile.
 */
function lazyPage<Name extends string, Props extends object>(
  load: () => Promise<Record<Name, ComponentType<Props>>>,
  name: Name,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const OrgUnitsPage = lazyPage(
  () => import('../features/org-units/pages/org-units-page'),
  'OrgUnitsPage',
);
const NewOrgUnitPage = lazyPage(
  () => import('../features/org-units/pages/new-org-unit-page'),
  'NewOrgUnitPage',
);
const EditOrgUnitPage = lazyPage(
  () => import('../features/org-units/pages/edit-org-unit-page'),
  'EditOrgUnitPage',
);
const ImportUnitsPage = lazyPage(
  () => import('../features/org-units/pages/import-units-page'),
  'ImportUnitsPage',
);
const ApiClientsPage = lazyPage(
  () => import('../features/api-clients/pages/api-clients-page'),
  'ApiClientsPage',
);
const NewApiClientPage = lazyPage(
  () => import('../features/api-clients/pages/new-api-client-page'),
  'NewApiClientPage',
);
const RevokeApiClientPage = lazyPage(
  () => import('../features/api-clients/pages/revoke-api-client-page'),
  'RevokeApiClientPage',
);
const RollUpPage = lazyPage(() => import('../features/roll-up/pages/roll-up-page'), 'RollUpPage');
const AuditPage = lazyPage(() => import('../features/audit/pages/audit-page'), 'AuditPage');
const ChangePasswordPage = lazyPage(
  () => import('../features/auth/pages/change-password-page'),
  'ChangePasswordPage',
);
const SetPasswordPage = lazyPage(
  () => import('../features/auth/pages/set-password-page'),
  'SetPasswordPage',
);
const SignInPage = lazyPage(() => import('../features/auth/pages/sign-in-page'), 'SignInPage');
const SignedOutPage = lazyPage(
  () => import('../features/auth/pages/signed-out-page'),
  'SignedOutPage',
);
const ImportActionsPage = lazyPage(
  () => import('../features/exports/pages/import-actions-page'),
  'ImportActionsPage',
);
const HomePage = lazyPage(() => import('./routes/home-page'), 'HomePage');
const InspectionPage = lazyPage(
  () => import('../features/inspections/pages/inspection-page'),
  'InspectionPage',
);
const ImportRecommendationsPage = lazyPage(
  () => import('../features/inspections/pages/import-recommendations-page'),
  'ImportRecommendationsPage',
);
const ImportLetterPage = lazyPage(
  () => import('../features/inspections/pages/import-letter-page'),
  'ImportLetterPage',
);
const NewInspectionPage = lazyPage(
  () => import('../features/inspections/pages/new-inspection-page'),
  'NewInspectionPage',
);
const ActionPage = lazyPage(() => import('./routes/action-page'), 'ActionPage');
const AddEvidencePage = lazyPage(
  () => import('../features/actions/pages/add-evidence-page'),
  'AddEvidencePage',
);
const EditActionPage = lazyPage(
  () => import('../features/actions/pages/edit-action-page'),
  'EditActionPage',
);
const MyActionsPage = lazyPage(() => import('./routes/my-actions-page'), 'MyActionsPage');
const NotificationsPage = lazyPage(
  () => import('../features/notifications/pages/notifications-page'),
  'NotificationsPage',
);
const OutboxPage = lazyPage(() => import('../features/outbox/pages/outbox-page'), 'OutboxPage');
const NewActionPage = lazyPage(
  () => import('../features/actions/pages/new-action-page'),
  'NewActionPage',
);
const RemoveEvidencePage = lazyPage(
  () => import('../features/actions/pages/remove-evidence-page'),
  'RemoveEvidencePage',
);
const DashboardPage = lazyPage(
  () => import('../features/plans/pages/dashboard-page'),
  'DashboardPage',
);
const PlanPage = lazyPage(() => import('./routes/plan-page'), 'PlanPage');
const DashboardsPage = lazyPage(
  () => import('../features/plans/pages/plans-page'),
  'DashboardsPage',
);
const PlansPage = lazyPage(() => import('../features/plans/pages/plans-page'), 'PlansPage');
const CloseRecommendationPage = lazyPage(
  () => import('../features/recommendations/pages/close-page'),
  'CloseRecommendationPage',
);
const RecommendationPage = lazyPage(
  () => import('./routes/recommendation-page'),
  'RecommendationPage',
);
const LinkRecommendationPage = lazyPage(
  () => import('../features/recommendations/pages/link-page'),
  'LinkRecommendationPage',
);
const RespondPage = lazyPage(
  () => import('../features/recommendations/pages/respond-page'),
  'RespondPage',
);
const DecisionPage = lazyPage(
  () => import('../features/reviews/pages/decision-page'),
  'DecisionPage',
);
const ReviewsPage = lazyPage(() => import('../features/reviews/pages/reviews-page'), 'ReviewsPage');
const VersionPage = lazyPage(() => import('./routes/version-page'), 'VersionPage');
const AccessibilityPage = lazyPage(
  () => import('../features/static-pages/accessibility-page'),
  'AccessibilityPage',
);
const CookiesPage = lazyPage(() => import('../features/static-pages/cookies-page'), 'CookiesPage');
const PrivacyPage = lazyPage(() => import('../features/static-pages/privacy-page'), 'PrivacyPage');
const CheckAnswersPage = lazyPage(
  () => import('../features/submissions/pages/check-answers-page'),
  'CheckAnswersPage',
);
const DiffPage = lazyPage(() => import('../features/submissions/pages/diff-page'), 'DiffPage');
const SubmittedPage = lazyPage(
  () => import('../features/submissions/pages/submitted-page'),
  'SubmittedPage',
);
const VersionHistoryPage = lazyPage(
  () => import('../features/submissions/pages/version-history-page'),
  'VersionHistoryPage',
);
const EditUserPage = lazyPage(
  () => import('../features/users/pages/edit-user-page'),
  'EditUserPage',
);
const NewUserPage = lazyPage(() => import('../features/users/pages/new-user-page'), 'NewUserPage');
const PendingAccountPage = lazyPage(
  () => import('../features/users/pages/pending-account-page'),
  'PendingAccountPage',
);
const UserAccessPage = lazyPage(
  () => import('../features/users/pages/user-access-page'),
  'UserAccessPage',
);
const UserPage = lazyPage(() => import('../features/users/pages/user-page'), 'UserPage');
const UsersPage = lazyPage(() => import('../features/users/pages/users-page'), 'UsersPage');

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
              { path: 'inspections/:inspectionId/import-letter', element: <ImportLetterPage /> },
            ],
          },
          { path: 'recommendations/:recommendationId', element: <RecommendationPage /> },
          { path: 'recommendations/:recommendationId/response', element: <RespondPage /> },
          {
            path: 'recommendations/:recommendationId/links/new',
            element: <LinkRecommendationPage />,
          },
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
          { path: 'roll-up', element: <RollUpPage /> },
          { path: 'plans/:planId/versions/:number', element: <VersionPage /> },
          // The version's reviewer (the inspectorate, or HMPPS's named reviewer) decides;
          // the version's `allowed` says who that is.
          { path: 'plans/:planId/versions/:number/decision', element: <DecisionPage /> },
          {
            element: <RequireRole allow={reviewsPlans} />,
            children: [{ path: 'reviews', element: <ReviewsPage /> }],
          },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'account/password', element: <ChangePasswordPage /> },
          {
            path: 'admin/users',
            element: <RequireRole allow={canManageUsers} />,
            children: [
              { index: true, element: <UsersPage /> },
              { path: 'new', element: <NewUserPage /> },
              { path: 'pending/:pendingId', element: <PendingAccountPage /> },
              { path: ':userId', element: <UserPage /> },
              { path: ':userId/edit', element: <EditUserPage /> },
              { path: ':userId/disable', element: <UserAccessPage access="disable" /> },
              { path: ':userId/enable', element: <UserAccessPage access="enable" /> },
            ],
          },
          {
            path: 'admin/org-units',
            element: <RequireRole allow={canManageUsers} />,
            children: [
              { index: true, element: <OrgUnitsPage /> },
              { path: 'new', element: <NewOrgUnitPage /> },
              { path: 'import', element: <ImportUnitsPage /> },
              { path: ':unitId', element: <EditOrgUnitPage /> },
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
