import type {
  Action,
  ActionPlan,
  Inspection,
  Recommendation,
  RollUp,
  RollUpCounts,
  RollUpGrouping,
} from '@tracker/shared';
import { beforeAll, describe, expect, it } from 'vitest';

import type { SignedInClient } from '../testing/app';
import { declineAllBut, planOf } from '../testing/plans';
import { routeTests } from '../testing/route-test';

/*
 * The roll-up's figures must equal what the list endpoints say, counted by hand, for every
 * grouping: the demo letter (Greater Manchester) plus a synthetic second region and letter
 * built here through the API, with actions overdue, due soon, unowned, finished and cancelled.
 */

const world = routeTests(['admin', 'nationalLead', 'rpd', 'hooWigan', 'inspector']);

const groupings: RollUpGrouping[] = ['region', 'pdu', 'theme', 'ownerLevel', 'kind'];
const dueSoonDays = 14;

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function everyPage<Item>(client: SignedInClient, path: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: { body: { items: Item[]; nextCursor: string | null } } = await client
      .get(`${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      .expect(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

function emptyCounts(): RollUpCounts {
  return {
    recommendations: {
      total: 0,
      open: 0,
      in_progress: 0,
      actions_complete: 0,
      closed: 0,
      withoutActions: 0,
    },
    actions: {
      total: 0,
      red: 0,
      amber: 0,
      green: 0,
      none: 0,
      overdue: 0,
      dueSoon: 0,
      unowned: 0,
    },
    plans: { draft: 0, submitted: 0, returned: 0, accepted: 0, closed: 0 },
  };
}

const openStatuses = ['not_started', 'in_progress', 'blocked'];

/** The roll-up as the list endpoints give it, counted by hand. */
async function expectedRollUp(
  client: SignedInClient,
  groupBy: RollUpGrouping,
  asOf: string,
  only: (recommendation: Recommendation) => boolean = () => true,
) {
  const recommendations = (
    await everyPage<Recommendation>(client, '/api/v1/recommendations')
  ).filter(only);
  const actions = await everyPage<Action>(client, '/api/v1/actions');
  const inspections = new Map(
    (await everyPage<Inspection>(client, '/api/v1/inspections')).map((i) => [i.id, i]),
  );
  const plans = new Map(
    (await everyPage<ActionPlan>(client, '/api/v1/action-plans')).map((p) => [p.inspectionId, p]),
  );
  const keysOf = (recommendation: Recommendation): string[] => {
    const inspection = inspections.get(recommendation.inspectionId)!;
    switch (groupBy) {
      case 'region':
        return [inspection.region.id];
      case 'pdu':
        return [recommendation.sourcePdu.id];
      case 'theme':
        return recommendation.themes;
      case 'ownerLevel':
        return [recommendation.ownerLevel];
      case 'kind':
        return [inspection.kind];
    }
  };
  const rows = new Map<string, { counts: RollUpCounts; plans: Set<string> }>();
  const total = { counts: emptyCounts(), plans: new Set<string>() };
  for (const recommendation of recommendations) {
    const own = actions.filter((action) => action.recommendationId === recommendation.id);
    const plan = plans.get(recommendation.inspectionId)!;
    for (const group of [
      ...keysOf(recommendation).map((key) => {
        if (!rows.has(key)) rows.set(key, { counts: emptyCounts(), plans: new Set() });
        return rows.get(key)!;
      }),
      total,
    ]) {
      const { counts } = group;
      counts.recommendations.total += 1;
      counts.recommendations[recommendation.status] += 1;
      if (
        !['not_agreed', 'addressed_by'].includes(recommendation.response?.decision ?? '') &&
        !own.some((action) => action.status !== 'cancelled')
      )
        counts.recommendations.withoutActions += 1;
      for (const action of own) {
        const open = openStatuses.includes(action.status);
        counts.actions.total += 1;
        counts.actions[action.rag ?? 'none'] += 1;
        if (open && action.dueDate && action.dueDate < asOf) counts.actions.overdue += 1;
        if (
          open &&
          action.dueDate &&
          action.dueDate >= asOf &&
          action.dueDate <= addDays(asOf, dueSoonDays)
        )
          counts.actions.dueSoon += 1;
        if (open && (!action.owner || action.owner.disabled)) counts.actions.unowned += 1;
      }
      if (!group.plans.has(plan.id)) {
        group.plans.add(plan.id);
        counts.plans[plan.status] += 1;
      }
    }
  }
  return {
    rows: Object.fromEntries([...rows].map(([key, row]) => [key, row.counts])),
    total: total.counts,
  };
}

async function rollUpOf(client: SignedInClient, query = ''): Promise<RollUp> {
  return (await client.get(`/api/v1/roll-up${query}`).expect(200)).body;
}

function byKey(rollUp: RollUp) {
  return Object.fromEntries(rollUp.rows.map((row) => [row.key, row.counts]));
}

let northWest: { regionId: string; pduId: string; inspectionId: string };
let today: string;

async function addAction(
  client: SignedInClient,
  recommendationId: string,
  fields: Record<string, unknown>,
): Promise<Action> {
  return (
    await client
      .post(`/api/v1/recommendations/${recommendationId}/actions`)
      .send({ title: 'Synthetic action', successMeasure: 'Fewer cases waiting.', ...fields })
      .expect(201)
  ).body;
}

beforeAll(async () => {
  const { admin, nationalLead, rpd } = world.as;
  today = (await rollUpOf(nationalLead)).asOf;

  // A synthetic second region, PDU and letter, loaded as an administrator would.
  const region = (
    await admin
      .post('/api/v1/org-units')
      .send({ name: 'Synthetic North', code: 'synthetic-north', type: 'region' })
      .expect(201)
  ).body;
  const pdu = (
    await admin
      .post('/api/v1/org-units')
      .send({ name: 'Synthetic Town', code: 'synthetic-town', type: 'pdu', parentId: region.id })
      .expect(201)
  ).body;
  const inspection = (
    await admin
      .post('/api/v1/inspections')
      .send({
        regionId: region.id,
        title: 'Inspection of probation services: Synthetic Town',
        kind: 'pdu_inspection',
        letterDate: '2025-06-01',
        author: 'Synthetic inspector',
        addressee: 'Synthetic director',
      })
      .expect(201)
  ).body;
  const file = [
    'Source PDU,Number,Recommendation,Owner level,Owning unit,Themes',
    'Synthetic Town,1,Reduce caseloads.,PDU,Synthetic Town,Staffing',
    'Synthetic Town,2,Review training.,Region,Synthetic North,Training; Staffing',
    'Synthetic Town,3,Fund accommodation.,HMPPS,HMPPS,Resettlement',
  ].join('\r\n');
  await admin
    .post(`/api/v1/inspections/${inspection.id}/recommendation-imports?mode=apply`)
    .attach('file', Buffer.from(file), { filename: 'recommendations.csv' })
    .expect(200);
  northWest = { regionId: region.id, pduId: pdu.id, inspectionId: inspection.id };

  // And an SFO review of the same region, reviewed inside HMPPS (never seen by inspectors).
  const sfo = (
    await admin
      .post('/api/v1/inspections')
      .send({
        regionId: region.id,
        title: 'Synthetic SFO review: Synthetic North',
        kind: 'sfo_review',
        letterDate: '2026-02-01',
        author: 'HMPPS SFO review team',
        addressee: 'Synthetic director',
        reviewerId: world.ids['national.lead@hmpps.example'],
      })
      .expect(201)
  ).body;
  await admin
    .post(`/api/v1/inspections/${sfo.id}/recommendation-imports?mode=apply`)
    .attach(
      'file',
      Buffer.from(
        [
          'Source PDU,Number,Recommendation,Owner level,Owning unit,Themes',
          'Synthetic Town,1,Share the learning.,Region,Synthetic North,Risk of harm',
        ].join('\r\n'),
      ),
      { filename: 'recommendations.csv' },
    )
    .expect(200);

  // HMPPS-owned work in the synthetic region: the national lead's to add.
  const hmppsUnit = world.units['hmpps']!;
  const synthetic = await everyPage<Recommendation>(
    nationalLead,
    `/api/v1/recommendations?inspectionId=${inspection.id}`,
  );
  const fund = synthetic.find((r) => r.ownerLevel === 'hmpps')!;
  await addAction(nationalLead, fund.id, {
    owningUnitId: hmppsUnit.id,
    dueDate: addDays(today, -3),
  });
  await addAction(nationalLead, fund.id, {
    owningUnitId: hmppsUnit.id,
    dueDate: addDays(today, 5),
  });
  await addAction(nationalLead, fund.id, { owningUnitId: hmppsUnit.id });

  // Greater Manchester: actions of every kind the figures tell apart.
  const wigan = world.recommendations.find(
    (r) => r.sourcePdu.name === 'Wigan' && r.ownerLevel !== 'hmpps',
  )!;
  const unit = wigan.owningUnit.id;
  const owner = world.ids['hoo.wigan@gm.probation.example'];
  await addAction(rpd, wigan.id, {
    owningUnitId: unit,
    ownerId: owner,
    dueDate: addDays(today, -40),
  });
  await addAction(rpd, wigan.id, { owningUnitId: unit, dueDate: addDays(today, 2) });
  await addAction(rpd, wigan.id, {
    owningUnitId: unit,
    ownerId: owner,
    dueDate: addDays(today, 200),
  });
  const finished = await addAction(rpd, wigan.id, {
    owningUnitId: unit,
    ownerId: owner,
    dueDate: addDays(today, 30),
  });
  await rpd
    .post(`/api/v1/actions/${finished.id}/evidence`)
    .send({ kind: 'note', title: 'Caseloads', note: 'Caseloads are down.' })
    .expect(201);
  const withEvidence = (await rpd.get(`/api/v1/actions/${finished.id}`).expect(200)).body;
  await rpd
    .patch(`/api/v1/actions/${finished.id}`)
    .set('if-match', `"${withEvidence.revision}"`)
    .send({ status: 'complete', percentComplete: 100 })
    .expect(200);
  const cancelled = await addAction(rpd, wigan.id, { owningUnitId: unit });
  await rpd
    .patch(`/api/v1/actions/${cancelled.id}`)
    .set('if-match', `"${cancelled.revision}"`)
    .send({ status: 'cancelled', statusReason: 'Not needed.' })
    .expect(200);
});

describe('GET /api/v1/roll-up', () => {
  it.each(groupings)(
    'by %s equals the counts of the list endpoints, for every region',
    async (groupBy) => {
      const rollUp = await rollUpOf(world.as.nationalLead, `?groupBy=${groupBy}`);
      const expected = await expectedRollUp(world.as.nationalLead, groupBy, rollUp.asOf);
      expect(rollUp.groupBy).toBe(groupBy);
      expect(rollUp.source).toBe('live');
      expect(byKey(rollUp)).toEqual(expected.rows);
      expect(rollUp.total).toEqual(expected.total);
    },
  );

  it('holds both regions, with a drill-down to each plan', async () => {
    const rollUp = await rollUpOf(world.as.admin);
    expect(rollUp.rows.map((row) => row.label)).toEqual(['Greater Manchester', 'Synthetic North']);
    const synthetic = rollUp.rows.find((row) => row.key === northWest.regionId)!;
    const plan = await planOf(world.testApp.database.db, northWest.inspectionId);
    expect(synthetic.drillDown).toMatchObject({ regionId: northWest.regionId });
    const byPdu = await rollUpOf(world.as.admin, '?groupBy=pdu&kind=pdu_inspection');
    expect(byPdu.rows[0]!.drillDown.planId).toBe(plan.id);
    expect(synthetic.counts.recommendations.total).toBe(4);
    expect(synthetic.drillDown.planId).toBeNull();
    const byKind = await rollUpOf(world.as.admin, '?groupBy=kind');
    expect(byKind.rows.map((row) => [row.key, row.counts.recommendations.total])).toEqual([
      ['pdu_inspection', 3],
      ['regional_review', 28],
      ['sfo_review', 1],
    ]);
    expect(synthetic.counts.actions).toMatchObject({
      total: 3,
      overdue: 1,
      dueSoon: 1,
      unowned: 3,
    });
  });

  it('filters by kind, status, letter date and overdue as the lists do', async () => {
    const client = world.as.nationalLead;
    const kind = await rollUpOf(client, '?groupBy=pdu&kind=pdu_inspection');
    expect(kind.rows.map((row) => row.key)).toEqual([northWest.pduId]);

    const status = await rollUpOf(client, '?groupBy=theme&status=open');
    const openOnly = await expectedRollUp(client, 'theme', status.asOf, (r) => r.status === 'open');
    expect(byKey(status)).toEqual(openOnly.rows);

    const dated = await rollUpOf(client, '?from=2025-01-01&to=2025-12-31');
    expect(dated.rows.map((row) => row.key)).toEqual([northWest.regionId]);

    const overdue = await rollUpOf(client, '?groupBy=pdu&overdue=true');
    expect(overdue.total.recommendations.total).toBe(2);
    expect(overdue.total.actions.overdue).toBe(2);
  });

  it('refuses an unknown grouping with 400 naming the field', async () => {
    const response = await world.as.nationalLead.get('/api/v1/roll-up?groupBy=colour').expect(400);
    expect(response.body.errors[0].path).toBe('groupBy');
    await world.as.nationalLead.get('/api/v1/roll-up?from=yesterday').expect(400);
  });

  it('shows a region lead and a head of operations their own region only', async () => {
    const national = await rollUpOf(world.as.nationalLead);
    const manchester = national.rows.find((row) => row.label === 'Greater Manchester')!;
    for (const client of [world.as.rpd, world.as.hooWigan]) {
      expect((await rollUpOf(client)).groupBy).toBe('pdu');
      const own = await rollUpOf(client, '?groupBy=region');
      expect(own.rows.map((row) => row.key)).toEqual([manchester.key]);
      expect(own.total).toEqual(manchester.counts);
      const byPdu = await rollUpOf(client, '?groupBy=pdu');
      expect(byPdu.rows.map((row) => row.label)).not.toContain('Synthetic Town');
      const expected = await expectedRollUp(client, 'pdu', byPdu.asOf);
      expect(byKey(byPdu)).toEqual(expected.rows);
    }
  });

  it('shows an inspector submitted versions only, unmoved by later changes to the plan', async () => {
    const { inspector, rpd } = world.as;
    expect((await rollUpOf(inspector)).total.recommendations.total).toBe(0);

    const wigan = world.recommendations.find(
      (r) => r.sourcePdu.name === 'Wigan' && r.ownerLevel !== 'hmpps',
    )!;
    const { db } = world.testApp.database;
    await declineAllBut(db, wigan.inspectionId, [wigan.id]);
    await rpd
      .put(`/api/v1/recommendations/${wigan.id}/response`)
      .send({ decision: 'agreed' })
      .expect(200);
    // Readiness wants every live action owned, dated and measured.
    const actions = await everyPage<Action>(rpd, `/api/v1/actions?recommendationId=${wigan.id}`);
    for (const action of actions.filter((a) => openStatuses.includes(a.status))) {
      await rpd
        .patch(`/api/v1/actions/${action.id}`)
        .set('if-match', `"${action.revision}"`)
        .send({
          ownerId: world.ids['hoo.wigan@gm.probation.example'],
          dueDate: action.dueDate ?? addDays(today, 60),
        })
        .expect(200);
    }
    const plan = await planOf(db, wigan.inspectionId);
    const etag = String(
      (await rpd.get(`/api/v1/action-plans/${plan.id}`).expect(200)).headers.etag,
    );
    await rpd
      .post(`/api/v1/action-plans/${plan.id}/submissions`)
      .set('if-match', etag)
      .set('idempotency-key', 'roll-up-1')
      .send({ declaration: true })
      .expect(201);

    const submitted = await rollUpOf(inspector, '?groupBy=pdu');
    expect(submitted.source).toBe('submitted');
    expect((await rollUpOf(inspector, '?groupBy=kind')).rows.map((row) => row.key)).toEqual([
      'regional_review',
    ]);
    const live = await rollUpOf(world.as.nationalLead, '?groupBy=pdu');
    const manchesterPdus = live.rows.filter((row) => row.label !== 'Synthetic Town');
    expect(byKey(submitted)).toEqual(
      Object.fromEntries(manchesterPdus.map((r) => [r.key, r.counts])),
    );

    // The region carries on after submission: the inspector's figures stay as sent.
    await addAction(rpd, wigan.id, {
      owningUnitId: wigan.owningUnit.id,
      dueDate: addDays(today, -1),
    });
    expect(await rollUpOf(inspector, '?groupBy=pdu')).toEqual(submitted);
    const moved = await rollUpOf(world.as.nationalLead, '?groupBy=pdu');
    expect(moved.total.actions.total).toBe(live.total.actions.total + 1);
  });
});

describe('GET /api/v1/roll-up/export', () => {
  it('sends the table as CSV with a total row, and as a workbook', async () => {
    const csv = await world.as.nationalLead
      .get('/api/v1/roll-up/export?format=csv&groupBy=region')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = (csv.body as Buffer)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Region,Recommendations,Open,/);
    expect(lines.map((line) => line.split(',')[0])).toEqual([
      'Region',
      'Greater Manchester',
      'Synthetic North',
      'Total',
    ]);
    const xlsx = await world.as.nationalLead
      .get('/api/v1/roll-up/export?format=xlsx&groupBy=theme')
      .expect(200);
    expect(xlsx.headers['content-disposition']).toMatch(/roll-up-by-theme-.*\.xlsx/);
  });
});
