import type { ApiClient, ApiClientPage } from '@tracker/shared';
import { eq } from 'drizzle-orm';

import type { Db } from '../db/client';
import { apiClients } from '../db/schema/api-clients';
import { orgUnits } from '../db/schema/org-units';
import { iso } from '../http/iso';
import { afterCursor, newestCreatedFirst, orderByKeyset, toPage } from '../http/pagination';

const newestFirst = newestCreatedFirst(apiClients.createdAt, apiClients.id);

function selectClients(db: Db) {
  return db
    .select({
      client: apiClients,
      unit: { id: orgUnits.id, name: orgUnits.name, type: orgUnits.type },
    })
    .from(apiClients)
    .innerJoin(orgUnits, eq(orgUnits.id, apiClients.unitId));
}

type ClientRow = Awaited<ReturnType<ReturnType<typeof selectClients>['execute']>>[number];

export async function listApiClients(
  db: Db,
  query: { limit: number; cursor?: string | undefined },
): Promise<ApiClientPage> {
  const rows = await selectClients(db)
    .where(afterCursor(newestFirst, query.cursor))
    .orderBy(...orderByKeyset(newestFirst))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    newestFirst,
    (row) => [iso(row.client.createdAt), row.client.id],
    toApiClient,
  );
}

export async function findApiClient(db: Db, id: string): Promise<ApiClient | undefined> {
  const [row] = await selectClients(db).where(eq(apiClients.id, id));
  return row && toApiClient(row);
}

function toApiClient({ client, unit }: ClientRow): ApiClient {
  return {
    id: client.id,
    name: client.name,
    unit,
    permission: client.permission,
    tokenPrefix: client.tokenPrefix,
    lastUsedAt: client.lastUsedAt ? iso(client.lastUsedAt) : null,
    revokedAt: client.revokedAt ? iso(client.revokedAt) : null,
    expiresAt: iso(client.expiresAt),
    createdAt: iso(client.createdAt),
    updatedAt: iso(client.updatedAt),
  };
}
