import { greaterManchester2023 } from '@tracker/seeds';
import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestDatabase, createTestDatabase } from '../testing/database';
import { prepareDatabase } from './prepare';
import { actionPlans } from './schema/action-plans';
import { auditEvents } from './schema/audit';
import { inspections } from './schema/inspections';
import { orgUnits } from './schema/org-units';
import { outcomeMeasures } from './schema/outcome-measures';
import { recommendations } from './schema/recommendations';
import { seedLetter } from './seed';

let database: TestDatabase;
const demo = { demoPassword: 'demo-password', nodeEnv: 'test' };

async function total(table: PgTable): Promise<number> {
  return (await database.db.select({ n: count() }).from(table))[0]!.n;
}

async function rowCounts() {
  return {
    units: await total(orgUnits),
    inspections: await total(inspections),
    recommendations: await total(recommendations),
    measures: await total(outcomeMeasures),
    plans: await total(actionPlans),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

describe('seeding the Greater Manchester letter', () => {
  it('does nothing in production', async () => {
    expect(await prepareDatabase(database, { ...demo, seedDemoData: false })).toEqual({
      seeded: false,
    });
    expect((await rowCounts()).inspections).toBe(0);
  });

  it('loads an empty database: units, the inspection, 28 recommendations, measures and a draft plan', async () => {
    expect(await prepareDatabase(database, { ...demo, seedDemoData: true })).toEqual({
      seeded: true,
    });
    const counts = await rowCounts();
    expect(counts).toEqual({
      units: 6,
      inspections: 1,
      recommendations: 28,
      measures: expect.any(Number),
      plans: 1,
    });
    expect(counts.measures).toBeGreaterThanOrEqual(8);

    const byLevel = await database.db
      .select({ ownerLevel: recommendations.ownerLevel, n: count() })
      .from(recommendations)
      .groupBy(recommendations.ownerLevel);
    expect(Object.fromEntries(byLevel.map((row) => [row.ownerLevel, row.n]))).toEqual({
      pdu: 14,
      region: 10,
      hmpps: 4,
    });

    const [plan] = await database.db.select().from(actionPlans);
    expect(plan!.status).toBe('draft');
    const [inspection] = await database.db.select().from(inspections);
    expect(inspection).toMatchObject({ letterDate: '2023-05-25', kind: 'regional_review' });
    expect(inspection!.author).toContain('Justin Russell');
    expect(inspection!.addressee).toContain('Chris Edwards');
  });

  it("keeps the letter's own words", async () => {
    const texts = (
      await database.db.select({ text: recommendations.text }).from(recommendations)
    ).map((r) => r.text);
    expect(texts).toContain(
      'consider the use of the Regional Outcomes Intervention Fund to tackle the gaps identified locally regarding mental health provision for people on probation',
    );
    expect(texts).toContain(
      'Ensure sufficient resource is in place to provide enhanced management oversight.',
    );
    expect(texts.some((text) => text.includes('support desistence and risk of harm'))).toBe(true);
    expect(texts).toContain(
      'continue to monitor workforce development planning and work with HM Prison and Probation Service to ensure the PDU has sufficient staffing capacity to undertake high-quality work.',
    );
  });

  it('makes owning units follow owner levels', async () => {
    const rows = await database.db
      .select({
        ownerLevel: recommendations.ownerLevel,
        owner: orgUnits.type,
        sourcePduId: recommendations.sourcePduId,
        owningUnitId: recommendations.owningUnitId,
      })
      .from(recommendations)
      .innerJoin(orgUnits, eq(orgUnits.id, recommendations.owningUnitId));
    for (const row of rows) {
      expect(row.owner).toBe({ pdu: 'pdu', region: 'region', hmpps: 'hmpps' }[row.ownerLevel]);
      if (row.ownerLevel === 'pdu') expect(row.owningUnitId).toBe(row.sourcePduId);
    }
  });

  it('is idempotent: a second run, or a start on a seeded database, changes nothing', async () => {
    const before = await rowCounts();
    const auditBefore = await total(auditEvents);
    expect((await seedLetter(database.db, greaterManchester2023)).created).toBe(false);
    expect(await prepareDatabase(database, { ...demo, seedDemoData: true })).toEqual({
      seeded: false,
    });
    expect(await rowCounts()).toEqual(before);
    expect(await total(auditEvents)).toBe(auditBefore);
  });

  it('records the load in the audit trail', async () => {
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'inspection.loaded'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorLabel: 'system (seed)', subjectType: 'inspection' });
  });
});
