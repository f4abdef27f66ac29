import type { FastifyRequest } from 'fastify';
import { and, eq, isNull } from 'drizzle-orm';

import { recordAudit } from '../audit/record';
import { type Actor, auditActor } from '../auth/actor';
import { roleForClientUnit } from '../auth/policy';
import { regionIdOf } from '../auth/sessions';
import { hashToken } from '../auth/tokens';
import type { Db } from '../db/client';
import { apiClients } from '../db/schema/api-clients';
import { orgUnits } from '../db/schema/org-units';
import { HttpProblem } from '../http/errors';
import { iso } from '../http/iso';

/**
 * The API client a bearer token belongs to, or null when no live client has it. An expired
 * token answers the refusal to send (401, audited here), so its owner learns why; the caller
 * sends it once the rate limit has counted the request.
 */
export async function findClientActor(
  db: Db,
  request: FastifyRequest,
  token: string,
  now: Date,
): Promise<Actor | HttpProblem | null> {
  const [row] = await db
    .select({
      client: apiClients,
      unit: {
        id: orgUnits.id,
        name: orgUnits.name,
        type: orgUnits.type,
        parentId: orgUnits.parentId,
      },
    })
    .from(apiClients)
    .innerJoin(orgUnits, eq(orgUnits.id, apiClients.unitId))
    .where(and(eq(apiClients.tokenHash, hashToken(token)), isNull(apiClients.revokedAt)));
  if (!row) return null;
  const actor: Actor = {
    kind: 'api_client',
    id: row.client.id,
    name: row.client.name,
    email: null,
    role: roleForClientUnit[row.unit.type],
    unit: { id: row.unit.id, name: row.unit.name, type: row.unit.type },
    regionId: regionIdOf(row.unit),
    canWrite: row.client.permission === 'read_write',
    session: null,
  };
  if (row.client.expiresAt <= now) return refuseExpired(db, request, actor, row.client.expiresAt);
  if (!row.client.lastUsedAt || now.getTime() - row.client.lastUsedAt.getTime() > 60_000) {
    await db.update(apiClients).set({ lastUsedAt: now }).where(eq(apiClients.id, row.client.id));
  }
  return actor;
}

async function refuseExpired(
  db: Db,
  request: FastifyRequest,
  actor: Actor,
  expiredAt: Date,
): Promise<HttpProblem> {
  await recordAudit(db, {
    ...auditActor(actor),
    action: 'access.refused',
    subjectType: 'route',
    requestId: request.id,
    after: {
      method: request.method,
      path: request.url.split('?')[0],
      status: 401,
      reason: 'API token expired',
    },
  });
  return new HttpProblem(
    401,
    'API token expired',
    `This API token expired at ${iso(expiredAt)}. Ask an administrator for a new one.`,
    undefined,
    {
      'www-authenticate': 'Bearer error="invalid_token", error_description="The token has expired"',
    },
  );
}
