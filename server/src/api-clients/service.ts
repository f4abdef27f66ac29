import {
  type ApiClient,
  type CreateApiClientRequest,
  type CreatedApiClient,
  apiClientDefaultLifetimeDays,
  apiClientMaxLifetimeDays,
} from '@tracker/shared';
import { and, eq, isNull } from 'drizzle-orm';

import { recordAudit } from '../audit/record';
import { auditActor } from '../auth/actor';
import type { WriteContext } from '../auth/context';
import { hashToken, newToken } from '../auth/tokens';
import type { Db } from '../db/client';
import { apiClients } from '../db/schema/api-clients';
import { orgUnits } from '../db/schema/org-units';
import { badRequest, notFound } from '../http/errors';
import { findApiClient } from './queries';

/** A recognisable prefix lets secret scanners spot a leaked token. */
const tokenPrefix = 'iapt_';

export async function createApiClient(
  db: Db,
  input: CreateApiClientRequest,
  context: WriteContext,
): Promise<CreatedApiClient> {
  return db.transaction(async (tx) => {
    const [unit] = await tx
      .select({ id: orgUnits.id, name: orgUnits.name, retiredAt: orgUnits.retiredAt })
      .from(orgUnits)
      .where(eq(orgUnits.id, input.unitId));
    if (!unit)
      throw badRequest('The unit does not exist.', [
        { path: 'unitId', message: 'is not a known unit' },
      ]);
    if (unit.retiredAt)
      throw badRequest(`${unit.name} has been retired: it takes no new API clients.`, [
        { path: 'unitId', message: 'is a retired unit' },
      ]);
    const expiresAt = expiryOf(input, context.now);
    const token = newToken(tokenPrefix);
    const [row] = await tx
      .insert(apiClients)
      .values({
        name: input.name,
        unitId: input.unitId,
        permission: input.permission,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, tokenPrefix.length + 6),
        expiresAt,
        createdById: context.actor.kind === 'user' ? context.actor.id : null,
      })
      .returning({ id: apiClients.id });
    const client = (await findApiClient(tx, row!.id))!;
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: 'api_client.created',
      subjectType: 'api_client',
      subjectId: client.id,
      requestId: context.requestId,
      after: {
        name: input.name,
        unitId: input.unitId,
        permission: input.permission,
        expiresAt: client.expiresAt,
      },
    });
    return { client, token };
  });
}

const dayMs = 24 * 60 * 60 * 1000;

/** A token always expires: by default a year on, never in the past nor beyond the maximum. */
function expiryOf(input: CreateApiClientRequest, now: Date): Date {
  if (input.expiresAt === undefined) {
    return new Date(now.getTime() + apiClientDefaultLifetimeDays * dayMs);
  }
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt <= now) {
    throw badRequest('Choose an expiry in the future.', [
      { path: 'expiresAt', message: 'must be in the future' },
    ]);
  }
  if (expiresAt.getTime() > now.getTime() + apiClientMaxLifetimeDays * dayMs) {
    throw badRequest(`A token may live at most ${apiClientMaxLifetimeDays} days.`, [
      { path: 'expiresAt', message: `must be at most ${apiClientMaxLifetimeDays} days ahead` },
    ]);
  }
  return expiresAt;
}

/** Revoking takes effect on the token's next use; the record stays for the trail. */
export async function revokeApiClient(
  db: Db,
  id: string,
  context: WriteContext,
): Promise<ApiClient> {
  return db.transaction(async (tx) => {
    const before = await findApiClient(tx, id);
    if (!before) throw notFound('API client', id);
    await tx
      .update(apiClients)
      .set({ revokedAt: context.now, updatedAt: context.now })
      .where(and(eq(apiClients.id, id), isNull(apiClients.revokedAt)));
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: 'api_client.revoked',
      subjectType: 'api_client',
      subjectId: id,
      requestId: context.requestId,
    });
    return (await findApiClient(tx, id))!;
  });
}
