import type { Role, UnitRef } from '@tracker/shared';

/** Who is making a request: a signed-in person or an API client, with the scope they act in. */
export interface Actor {
  kind: 'user' | 'api_client';
  id: string;
  name: string;
  email: string | null;
  role: Role;
  unit: UnitRef;
  /** The region the actor works in (their region, or their PDU's); null for national units. */
  regionId: string | null;
  /** False for a `read` API client. */
  canWrite: boolean;
  /** Browser sessions only. */
  session: { id: string; createdAt: Date; lastSeenAt: Date } | null;
}

/** The audit fields naming an actor; `null` is the system itself. */
export function auditActor(actor: Actor | null) {
  if (!actor) return { actorLabel: 'system' };
  return actor.kind === 'user'
    ? { actorUserId: actor.id, actorLabel: `${actor.name} <${actor.email}>` }
    : { actorApiClientId: actor.id, actorLabel: `API client ${actor.name}` };
}
