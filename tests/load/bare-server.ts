/**
 * `DATABASE_URL=... PORT=... node --import tsx tests/load/bare-server.ts`
 *
 * The yardstick of the benchmark (issue 12): the least a server on this machine can do to give
 * the service's answers to two requests, one action and the action list filtered by unit and
 * status, byte for byte the same. Fastify with no plugins and node-postgres: a session check
 * cached for five seconds, one named prepared statement per request written by hand, the rows
 * made into actions by the service's own pure `toAction` (RAG and all) and written by
 * fast-json-stringify. Only the requests the benchmark sends are handled; bench.ts checks its
 * answers equal the service's before measuring.
 */
import {
  ActionPage,
  Action as ActionSchema,
  type ActionStatus,
  type Rag,
  type Role,
  type UnitType,
} from '@tracker/shared';
import Fastify from 'fastify';
import pg from 'pg';

import { type ActionDetail, actionOrders, toAction } from '@tracker/server/src/actions/queries';
import { finishedStatuses } from '@tracker/server/src/actions/rag';
import type { Actor } from '@tracker/server/src/auth/actor';
import { actionAllowed } from '@tracker/server/src/auth/allowed';
import { hashToken } from '@tracker/server/src/auth/tokens';
import { fastSerializerCompiler } from '@tracker/server/src/http/fast-serializer';
import { encodeCursor } from '@tracker/server/src/http/pagination';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const rag = () => ({ now: new Date(), dueSoonDays: Number(process.env.RAG_DUE_SOON_DAYS ?? 14) });

const columns = `
  a.id, a.recommendation_id, a.inspection_id, a.region_id, a.title, a.description,
  a.owning_unit_id, ou.name as unit_name, ou.type as unit_type,
  o.id as owner_id, o.name as owner_name, o.disabled_at as owner_disabled_at, a.owner_role,
  a.start_date::text, a.due_date::text, a.original_due_date::text, a.success_measure, a.status,
  a.cancel_reason, a.percent_complete, a.rag_override, a.rag_override_reason, a.revision,
  a.created_at, a.updated_at, r.owner_level as recommendation_owner_level,
  (select coalesce(json_agg(json_build_array(c.from_date, c.to_date, c.reason, u.id, u.name,
     c.created_at) order by c.created_at, c.id), '[]'::json)
   from action_due_date_changes c left join users u on u.id = c.changed_by_id
   where c.action_id = a.id) as history,
  (select coalesce(json_agg(json_build_array(d.id, d.status) order by d.id), '[]'::json)
   from action_dependencies ad join actions d on d.id = ad.depends_on_action_id
   where ad.action_id = a.id) as depends_on,
  (select count(*)::int from evidence e where e.action_id = a.id and e.removed_at is null)
    as evidence_count
  from actions a join org_units ou on ou.id = a.owning_unit_id
  left join users o on o.id = a.owner_id
  join recommendations r on r.id = a.recommendation_id`;

const statements = {
  session: `select s.id, u.id as user_id, u.role, unit.id as unit_id, unit.type as unit_type,
      unit.parent_id as unit_parent_id
    from sessions s join users u on u.id = s.user_id join org_units unit on unit.id = u.unit_id
    where s.token_hash = $1 and s.revoked_at is null and u.disabled_at is null`,
  one: `select ${columns} where a.id = $1`,
  list: `select ${columns}
    where ($1::uuid is null or a.region_id = $1) and a.owning_unit_id = $2 and a.status = $3
    order by coalesce(a.due_date, '9999-12-31'::date), a.id limit $4`,
};

interface Row {
  id: string;
  recommendation_id: string;
  inspection_id: string;
  region_id: string;
  title: string;
  description: string | null;
  owning_unit_id: string;
  unit_name: string;
  unit_type: UnitType;
  owner_id: string | null;
  owner_name: string | null;
  owner_disabled_at: Date | null;
  owner_role: string | null;
  start_date: string | null;
  due_date: string | null;
  original_due_date: string | null;
  success_measure: string | null;
  status: ActionStatus;
  cancel_reason: string | null;
  percent_complete: number;
  rag_override: Rag | null;
  rag_override_reason: string | null;
  revision: number;
  created_at: Date;
  updated_at: Date;
  recommendation_owner_level: 'pdu' | 'region' | 'hmpps';
  history: [string | null, string | null, string, string | null, string | null, string][];
  depends_on: [string, ActionStatus][];
  evidence_count: number;
}

interface SessionRow {
  user_id: string;
  role: Role;
  unit_id: string;
  unit_type: UnitType;
  unit_parent_id: string | null;
}

async function query<Result extends object>(
  name: keyof typeof statements,
  values: unknown[],
): Promise<Result[]> {
  return (await pool.query<Result>({ name: `bare_${name}`, text: statements[name], values })).rows;
}

interface Caller {
  /** The one region they see, or null for all. */
  regionId: string | null;
  /** As the service knows them, for what they may do with each action (`allowed`). */
  actor: Actor;
}

const sessions = new Map<string, { caller: Caller | null; until: number }>();

async function callerOf(cookie: string | undefined): Promise<Caller | null> {
  const token = /(?:^|;\s*)(?:__Host-)?session=([^;]+)/.exec(cookie ?? '')?.[1];
  if (!token) return null;
  const cached = sessions.get(token);
  if (cached && cached.until > Date.now()) return cached.caller;
  const [row] = await query<SessionRow>('session', [hashToken(token)]);
  let caller: Caller | null = null;
  if (row) {
    const regional = row.role === 'region_lead' || row.role === 'head_of_operations';
    const region = row.unit_type === 'region' ? row.unit_id : row.unit_parent_id;
    const actor: Actor = {
      kind: 'user',
      id: row.user_id,
      name: '',
      email: null,
      role: row.role,
      unit: { id: row.unit_id, name: '', type: row.unit_type },
      regionId: region,
      canWrite: true,
      session: null,
    };
    caller = { regionId: regional ? region : null, actor };
  }
  sessions.set(token, { caller, until: Date.now() + 5_000 });
  return caller;
}

function actionOf(row: Row, caller: Caller) {
  const detail: ActionDetail = {
    history: row.history.map(([fromDate, toDate, reason, byId, byName, at]) => ({
      fromDate,
      toDate,
      reason,
      changedBy: byId ? { id: byId, name: byName! } : null,
      changedAt: new Date(at).toISOString(),
    })),
    dependsOn: row.depends_on.map(([id, status]) => ({
      id,
      finished: finishedStatuses.includes(status),
    })),
    evidenceCount: row.evidence_count,
  };
  return toAction(
    {
      action: {
        id: row.id,
        recommendationId: row.recommendation_id,
        title: row.title,
        description: row.description,
        owningUnitId: row.owning_unit_id,
        ownerRole: row.owner_role,
        startDate: row.start_date,
        dueDate: row.due_date,
        originalDueDate: row.original_due_date,
        successMeasure: row.success_measure,
        status: row.status,
        cancelReason: row.cancel_reason,
        percentComplete: row.percent_complete,
        ragOverride: row.rag_override,
        ragOverrideReason: row.rag_override_reason,
        revision: row.revision,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      } as never,
      owningUnit: { id: row.owning_unit_id, name: row.unit_name, type: row.unit_type },
      owner: row.owner_id
        ? { id: row.owner_id, name: row.owner_name!, disabledAt: row.owner_disabled_at }
        : null,
      inspectionId: row.inspection_id,
    },
    detail,
    rag(),
    actionAllowed(caller.actor, {
      regionId: row.region_id,
      owningUnitId: row.owning_unit_id,
      owningUnitType: row.unit_type,
      recommendationOwnerLevel: row.recommendation_owner_level,
    }),
  );
}

const writeAction = fastSerializerCompiler({ schema: ActionSchema });
const writePage = fastSerializerCompiler({ schema: ActionPage });
const app = Fastify({ logger: false });

app.get<{ Params: { id: string } }>('/api/v1/actions/:id', async (request, reply) => {
  const caller = await callerOf(request.headers.cookie);
  if (!caller) return reply.code(401).send();
  const [row] = await query<Row>('one', [request.params.id]);
  if (!row || (caller.regionId !== null && caller.regionId !== row.region_id)) {
    return reply.code(404).send();
  }
  return reply.type('application/json; charset=utf-8').send(writeAction(actionOf(row, caller)));
});

app.get<{ Querystring: { owningUnitId: string; status: string; limit: string } }>(
  '/api/v1/actions',
  async (request, reply) => {
    const caller = await callerOf(request.headers.cookie);
    if (!caller) return reply.code(401).send();
    const { owningUnitId, status } = request.query;
    const limit = Number(request.query.limit ?? 50);
    const rows = await query<Row>('list', [caller.regionId, owningUnitId, status, limit + 1]);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor(actionOrders.dueDate, [last.due_date ?? '9999-12-31', last.id])
        : null;
    return reply
      .type('application/json; charset=utf-8')
      .send(writePage({ items: items.map((row) => actionOf(row, caller)), nextCursor }));
  },
);

app.get('/health', async () => 'UP');

await app.listen({ port: Number(process.env.PORT ?? 3001), host: '127.0.0.1' });
process.once('SIGTERM', () => void app.close().then(() => pool.end()));
