import { z } from 'zod';

import { PageQuery, Timestamp, Uuid, pageOf } from './common';

export const notificationKinds = [
  'action_assigned',
  'plan_returned',
  'comment',
  'action_due_soon',
  'action_overdue',
  'version_to_review',
  'response_requested',
  'account_requested',
] as const;
export const NotificationKind = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z
  .object({
    id: Uuid,
    kind: NotificationKind,
    message: z.string(),
    link: z.string().describe('Where in the web app to look, e.g. "/actions/{id}".'),
    createdAt: Timestamp,
    readAt: Timestamp.nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = PageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true'))
    .describe('Only unread (true) or only read (false) ones; both when left out.'),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationPage = pageOf(Notification)
  .extend({ unreadCount: z.number().int().describe("All unread, not only this page's.") })
  .meta({ id: 'NotificationPage' });
export type NotificationPage = z.infer<typeof NotificationPage>;
