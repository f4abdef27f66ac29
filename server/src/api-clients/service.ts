import type { ApiClient, CreateApiClientRequest, CreatedApiClient } from '@tracker/shared';
import { and, eq, isNull } from 'drizzle-orm';

import { recordAudit } from '../audit/record';
import { auditActor } from '../auth/actor';
import type { RequestContext } from '../auth/service';
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
  context: RequestContext,
): Promise<CreatedApiClient> {
  return db.transaction(async (tx) => {
    const [unit] = await tx
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(eq(orgUnits.id, input.unitId));
    if (!unit)
      throw badRequest('The unit does not exist.', [
        { path: 'unitId', message: 'is not a known unit' },
      ]);
    const token = newToken(tokenPrefix);
    const [row] = await tx
      .insert(apiClients)
      .values({
        name: input.name,
        unitId: input.unitId,
        permission: input.permission,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, tokenPrefix.length + 6),
        createdById: context.actor?.kind === 'user' ? context.actor.id : null,
      })
      .returning({ id: apiClients.id });
    const client = (await findApiClient(tx, row!.id))!;
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: 'api_client.created',
      subjectType: 'api_client',
      subjectId: client.id,
      requestId: context.requestId,
      after: { name: input.name, unitId: input.unitId, permission: input.permission },
    });
    return { client, token };
  });
}

/** Revoking takes effect on the token's next use; the record stays for the trail. */
export async function revokeApiClient(
  db: Db,
  id: string,
  context: RequestContext,
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
